package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.config.ExperimentConfig;
import org.effnas.journal.JournalHeader;
import org.effnas.notation.BlockStrings;
import org.effnas.report.FamilyPoint;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.notation.SpecFiles;
import org.effnas.progress.LiveProgress;
import org.effnas.report.ReportBuilder;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;
import org.effnas.reward.CostMetric;
import org.effnas.search.EvolutionSearch;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.Nsga2Search;
import org.effnas.search.Observation;
import org.effnas.search.RandomSearch;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchStrategy;
import org.effnas.space.SearchSpace;
import org.effnas.spec.ArchSpec;

/**
 * {@code effnas run}: from one config, the baseline search (and a random baseline when asked), the
 * compound-scaling grid around the winner, the scaled family, and the report, all written to the
 * experiment directory. Every phase has its own journal, so an interrupted run resumes where it
 * stopped ({@code --resume}).
 */
public final class Pipeline {

    /** What a run produced. */
    public record Outcome(Path directory, Path report, Optional<ArchSpec> best, boolean surrogate) {
    }

    private final ExperimentConfig config;
    private final ExperimentDirectory dir;
    private final boolean resume;
    private final PrintStream console;
    private final boolean terminal;
    private final double logEverySeconds;

    private Pipeline(ExperimentConfig config, ExperimentDirectory dir, boolean resume, PrintStream console,
                     boolean terminal, double logEverySeconds) {
        this.config = config;
        this.dir = dir;
        this.resume = resume;
        this.console = console;
        this.terminal = terminal;
        this.logEverySeconds = logEverySeconds;
    }

    /**
     * Runs the whole pipeline.
     *
     * @param out     the experiment directory (refused when it holds another experiment, unless resuming it)
     * @param console where progress and the final summary go
     */
    public static Outcome run(ExperimentConfig config, Path out, boolean resume, PrintStream console) throws IOException {
        // The data is read (and a missing dataset reported) before the directory is taken.
        SearchSpace space = SpaceSetup.of(config);
        SlotEvaluatorFactory slots = EvaluatorSetup.slotFactory(config.withOutput(out.toString()), space);
        ExperimentDirectory dir = ExperimentDirectory.prepare(out, config.withOutput(out.toString()), resume);
        return new Pipeline(config, dir, resume, console, LiveProgress.isTerminal(), 30).run(space, slots);
    }

    private Outcome run(SearchSpace space, SlotEvaluatorFactory slots) throws IOException {
        ObjectNode identity = ExperimentIdentity.of(config);
        String experimentId = JournalHeader.experimentId("run", identity, config.seed());
        boolean surrogate = config.evaluator().surrogate();
        console.println("effnas: experiment " + experimentId + " in " + dir.root()
                + (surrogate ? "  [SURROGATE evaluator: no network is trained]" : ""));
        try (EvaluatorSetup setup = EvaluatorSetup.start(config, slots, experimentId, console::println)) {
            console.println("effnas: evaluating with " + setup.description());
            RunSettings settings = RunSettings.of(config.training().settings(config.dataset().minival()), config.seed(),
                    config.reward().reward(), budget()).withOrdered(config.strategy().ordered());
            Map<String, Map<Integer, Double>> earlier = earlierTimings();

            List<SearchPoint> points = new ArrayList<>();
            PhaseRun.Result search = PhaseRun.run("search", strategy(config.strategy().name(), space), setup.evaluator(),
                    dir.journal(), identity, settings, resume, listener("search " + config.strategy().name(), setup),
                    earlier.getOrDefault(config.strategy().name(), Map.of()));
            points.addAll(search.points(config.strategy().name()));
            if (config.strategy().randomBaseline()) {
                PhaseRun.Result random = PhaseRun.run("random", strategy("random", space), setup.evaluator(),
                        dir.randomJournal(), identity, settings, resume, listener("random baseline", setup),
                        earlier.getOrDefault("random", Map.of()));
                points.addAll(random.points("random"));
            }
            ResultTables.writeSearch(dir.root(), points);
            Optional<Observation> best = search.outcome().best();
            if (best.isEmpty()) {
                console.println("effnas: the search produced no successful candidate ("
                        + search.outcome().failures() + " failed); see candidates.csv");
            } else {
                if (!surrogate && !config.evaluator().isCommand()) {
                    console.println("effnas: training the winner " + best.get().candidate().id()
                            + " once more to save best/model.zip ...");
                    var run = BestModel.save(config, best.get(), dir.best());
                    console.println(run.result().ok() ? String.format(java.util.Locale.ROOT,
                            "effnas: best/model.zip saved (top-1 %.4f now, %.4f in the search)", run.result().top1(),
                            best.get().accuracy()) : "effnas: could not retrain the winner: " + run.result().failure());
                }
                // after the archive: its spec.yaml is replaced by the same spec with the search's figures
                writeBest(best.get());
                scale(best.get(), search.outcome().observations(), setup, identity, settings);
            }
            Path report = ReportBuilder.build(dir.root());
            return new Outcome(dir.root(), report, best.map(o -> o.candidate().spec()), surrogate);
        }
    }

    /** The grid around the search winner, then its family; each writes its CSV as soon as it is done. */
    private void scale(Observation best, List<Observation> searched, EvaluatorSetup setup, ObjectNode identity,
                       RunSettings settings) throws IOException {
        if (!config.grid().enabled()) {
            return;
        }
        ArchSpec base = best.candidate().spec();
        boolean compare = config.family().enabled() && config.family().singleDimension();
        GridPhase.Result grid = GridPhase.run(config.grid(), compare, base, setup.evaluator(), dir, identity,
                settings.training(), config.seed(), resume, listener("grid", setup));
        ResultTables.writeGrid(dir.root(), grid.points());
        if (grid.winner().isEmpty()) {
            console.println("effnas: every grid evaluation failed; no family (see grid.csv)");
            return;
        }
        CompoundCoefficients c = grid.winner().get().coefficients();
        console.println("effnas: grid winner alpha=" + BlockStrings.number(c.alpha()) + " beta="
                + BlockStrings.number(c.beta()) + " gamma=" + BlockStrings.number(c.gamma()) + " (mean top-1 "
                + String.format(java.util.Locale.ROOT, "%.4f", grid.winner().get().accuracy().mean()) + ")");
        if (!config.family().enabled()) {
            return;
        }
        Map<String, List<Observation>> known = Map.of("search", List.of(best), "grid", grid.observations());
        List<FamilyPoint> family = FamilyPhase.run(config.family(), base, c, known, config.grid().seeds(),
                setup.evaluator(), dir, identity, settings.training(), config.seed(), resume, listener("family", setup));
        ResultTables.writeFamily(dir.root(), family);
    }

    private LiveProgress listener(String phase, EvaluatorSetup setup) {
        return LiveProgress.of(console, terminal, logEverySeconds, phase, config.evaluator().surrogate(), setup.workers());
    }

    private SearchBudget budget() {
        Duration wall = config.strategy().budget().wallTime();
        return SearchBudget.of(config.strategy().budget().evaluations(), wall.isZero() ? null : wall);
    }

    private SearchStrategy strategy(String name, SearchSpace space) {
        int population = config.strategy().population();
        EvolutionSettings evolution = EvolutionSettings.of(population, Math.min(4, population),
                Math.min(2, population - 1), 0.5, 0.1);
        return switch (name) {
            case "random" -> RandomSearch.of(space, config.seed());
            case "nsga2" -> Nsga2Search.of(space, evolution, CostMetric.parse(config.reward().cost()), config.seed());
            default -> EvolutionSearch.of(space, evolution, config.seed());
        };
    }

    /** Arrival times per run from an earlier session's candidates.csv, so a resumed chart keeps them. */
    private Map<String, Map<Integer, Double>> earlierTimings() throws IOException {
        Map<String, Map<Integer, Double>> out = new HashMap<>();
        if (resume) {
            for (SearchPoint p : ResultTables.readSearch(dir.root())) {
                if (Double.isFinite(p.elapsedSeconds())) {
                    out.computeIfAbsent(p.run(), k -> new HashMap<>()).put(p.index(), p.elapsedSeconds());
                }
            }
        }
        return out;
    }

    private void writeBest(Observation best) throws IOException {
        Path b = dir.best();
        Files.createDirectories(b);
        ArchSpec spec = best.candidate().spec();
        Files.writeString(b.resolve("spec.yaml"), "# best baseline " + best.candidate().id() + ": reward "
                + best.rewardOrWorst() + ", top-1 " + best.accuracy() + ", " + best.macs() + " MACs ("
                + best.result().provenance().evaluator() + ")\n" + SpecFiles.toYaml(spec));
        Files.writeString(b.resolve("spec.json"), SpecFiles.toJson(spec));
    }
}
