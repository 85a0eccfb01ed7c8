package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.notation.SpecFiles;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.search.AccuracyCostFront;
import org.effnas.search.EvolutionSearch;
import org.effnas.search.Nsga2Search;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.RandomSearch;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchStrategy;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SpaceReference;

/**
 * A baseline architecture search end to end: resolves the space, builds the reward and strategy,
 * runs a journalled session and writes {@code best.yaml} (and {@code pareto.csv} for nsga2) next to
 * {@code journal.jsonl} in the output directory.
 */
public final class SearchExperiment {

    /** What a search produced and where. */
    public record Result(String experimentId, SearchOutcome outcome, Reward reward, Optional<Path> best,
                         Optional<Path> pareto, boolean surrogate) {
    }

    private SearchExperiment() {
    }

    /**
     * @param evaluators makes the evaluator, given the space's reference architecture (the surrogate
     *                   calibrates to it; a trained evaluator ignores it)
     */
    public static Result run(SearchSettings s, ExperimentOptions o, Function<ArchSpec, EvaluatorChoice> evaluators,
                             ProgressListener listener) {
        SearchSpace space = SearchSpaces.resolve(s.space());
        ArchSpec reference = SpaceReference.of(space);
        Reward reward = reward(s, reference);
        EvaluatorChoice choice = evaluators.apply(reference);
        SearchStrategy strategy = strategy(s, space, reward.metric(), o.seed());
        if (s.budget().limitsEvaluations() && space.size().compareTo(java.math.BigInteger.valueOf(s.budget().evaluations())) < 0) {
            listener.message("effnas: note: the budget (" + s.budget().evaluations() + ") exceeds the space's "
                    + space.size() + " architectures; the search stops when it runs out of new ones");
        }
        try (ExperimentSession session = ExperimentSession.open(o.out().resolve("journal.jsonl"), "search",
                identity(s, space, reward), o, choice, listener)) {
            SearchOutcome outcome = session.run(strategy, reward, s.budget());
            Optional<Path> best = writeBest(o.out(), outcome, reward, choice.isSurrogate(), session.experimentId());
            Optional<Path> pareto = s.strategy().equals("nsga2")
                    ? Optional.of(writePareto(o.out(), AccuracyCostFront.of(outcome.observations(), reward.metric()),
                            reward)) : Optional.empty();
            return new Result(session.experimentId(), outcome, reward, best, pareto, choice.isSurrogate());
        }
    }

    static Reward reward(SearchSettings s, ArchSpec reference) {
        double target = s.target().isPresent() ? s.target().getAsDouble() : defaultTarget(s.cost(), reference);
        if (s.hard()) {
            return Reward.of(target, 0, -1, s.cost());
        }
        return Reward.of(target, s.w(), s.w(), s.cost());
    }

    private static double defaultTarget(CostMetric cost, ArchSpec reference) {
        return cost == CostMetric.MACS ? CostModel.of(reference).macs()
                : org.effnas.surrogate.SurrogateEvaluator.latencyOf(reference);
    }

    static SearchStrategy strategy(SearchSettings s, SearchSpace space, CostMetric cost, long seed) {
        return switch (s.strategy()) {
            case "random" -> RandomSearch.of(space, seed);
            case "nsga2" -> Nsga2Search.of(space, s.evolution(), cost, seed);
            default -> EvolutionSearch.of(space, s.evolution(), seed);
        };
    }

    private static ObjectNode identity(SearchSettings s, SearchSpace space, Reward reward) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("space", space.name());
        // A space file may change under the same name: its full definition is part of the identity.
        n.put("space_definition", UUID.nameUUIDFromBytes(space.toString().getBytes(StandardCharsets.UTF_8)).toString());
        n.put("strategy", s.strategy());
        if (!s.strategy().equals("random")) {
            ObjectNode e = n.putObject("evolution");
            e.put("population", s.evolution().population());
            e.put("tournament", s.evolution().tournament());
            e.put("elites", s.evolution().elites());
            e.put("crossover", s.evolution().crossover());
            e.put("mutation", s.evolution().mutation());
        }
        ObjectNode r = n.putObject("reward");
        r.put("target", reward.target());
        r.put("w_below", reward.below());
        r.put("w_above", reward.above());
        r.put("cost", reward.metric().text());
        return n;
    }

    private static Optional<Path> writeBest(Path dir, SearchOutcome outcome, Reward reward, boolean surrogate,
                                            String experimentId) {
        Optional<Observation> best = outcome.best();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        Observation b = best.get();
        String header = String.format(Locale.ROOT, "# effnas search %s: best of %d evaluations, candidate %s%n"
                        + "# reward %.6f = top1 %.6f x [%s %s / T %s]^w (%s)%n%s",
                experimentId, outcome.observations().size(), b.candidate().id(), b.reward().getAsDouble(), b.accuracy(),
                reward.metric().text(), num(reward.metric().of(b.result())), num(reward.target()), reward,
                surrogate ? "# SURROGATE: the accuracy comes from the analytic surrogate, not a trained network\n" : "");
        return Optional.of(write(dir.resolve("best.yaml"), header + withNewline(SpecFiles.toYaml(b.candidate().spec()))));
    }

    private static Path writePareto(Path dir, List<Observation> front, Reward reward) {
        StringBuilder b = new StringBuilder("candidate,top1,macs,params,latency_ms,reward,spec\n");
        for (Observation o : front) {
            b.append(String.join(",", o.candidate().id(), String.format(Locale.ROOT, "%.6f", o.accuracy()),
                    Long.toString(o.macs()), Long.toString(o.result().params()),
                    Double.isFinite(o.result().latencyMs()) ? String.format(Locale.ROOT, "%.4f", o.result().latencyMs()) : "NaN",
                    o.reward().isPresent() ? String.format(Locale.ROOT, "%.6f", o.reward().getAsDouble()) : "NaN",
                    '"' + o.candidate().specKey().replace("\"", "\"\"") + '"')).append('\n');
        }
        return write(dir.resolve("pareto.csv"), b.toString());
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
