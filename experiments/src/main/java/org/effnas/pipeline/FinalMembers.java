package org.effnas.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.effnas.InvalidInputException;
import org.effnas.config.ExperimentConfig;
import org.effnas.experiment.FinalMember;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.report.FamilyPoint;
import org.effnas.report.Measurement;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;
import org.effnas.spec.ArchSpec;

/**
 * The members of a final phase looked up in a finished experiment directory ({@code effnas final
 * DIR}): {@code baseline} from {@code best/spec.json} and its evaluations in {@code candidates.csv}
 * (in a grid-only experiment, the grid's base: {@code B0} of {@code family.csv}); family members
 * from {@code family.csv} and {@code family/<name>.yaml}. Each takes its best evaluation at the
 * highest rung it reached, whose checkpoint (if the scheduler had rungs) it continues. What the
 * directory lacks is bad input naming the file.
 */
final class FinalMembers {

    private FinalMembers() {
    }

    static List<FinalMember> resolve(Path dir, ExperimentConfig c, List<String> names) {
        List<FinalMember> out = new ArrayList<>();
        for (String name : names) {
            out.add(name.equals("baseline") && c.searches() ? baseline(dir, c) : familyMember(dir, c, name));
        }
        return out;
    }

    private static FinalMember baseline(Path dir, ExperimentConfig c) {
        Path spec = dir.resolve("best").resolve("spec.json");
        if (!Files.isRegularFile(spec)) {
            throw new InvalidInputException(spec + ": missing, so the search has not finished; finish it with "
                    + "effnas run --config " + dir.resolve("config.yaml") + " --out " + dir + " --resume");
        }
        ArchSpec winner = SpecFiles.read(spec);
        String key = BlockStrings.canonical(winner);
        List<SearchPoint> rows;
        try {
            rows = ResultTables.readSearch(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String main = c.strategy().name().text();
        Optional<Measurement> best = rows.stream().filter(p -> p.run().equals(main)).map(SearchPoint::m)
                .filter(m -> m.ok() && m.specKey().equals(key)).max(byRungThenTop1());
        return best.map(m -> member("baseline", winner, m, "search/" + m.candidateId()))
                .orElseGet(() -> new FinalMember("baseline", winner, c.seed(), "", Double.NaN, Optional.empty()));
    }

    private static FinalMember familyMember(Path dir, ExperimentConfig c, String name) {
        String row = name.equals("baseline") ? "B0" : name;
        Path table = dir.resolve(ResultTables.FAMILY);
        List<FamilyPoint> family;
        try {
            family = ResultTables.readFamily(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (family.isEmpty()) {
            if (name.equals("baseline") && c.grid().base() != null) {
                // a grid-only experiment whose family has not run: its base, never evaluated
                ArchSpec base = Architectures.resolve(c.grid().base());
                return new FinalMember(name, base, c.seed(), "", Double.NaN, Optional.empty());
            }
            throw new InvalidInputException(table + ": missing, so the family phase has not finished (member "
                    + name + " comes from it); finish the experiment with effnas run --resume, or choose --members "
                    + "baseline");
        }
        Optional<Measurement> best = family.stream().filter(p -> p.name().equals(row)).map(FamilyPoint::m)
                .filter(Measurement::ok).max(byRungThenTop1());
        if (best.isEmpty()) {
            Set<String> have = new LinkedHashSet<>();
            if (c.searches()) {
                have.add("baseline");
            }
            family.stream().filter(p -> p.m().ok()).forEach(p -> have.add(p.name()));
            throw new InvalidInputException("--members: " + table + " has no successfully evaluated " + name
                    + "; choose from " + String.join(", ", have));
        }
        Path specFile = dir.resolve("family").resolve(row + ".yaml");
        if (!Files.isRegularFile(specFile)) {
            throw new InvalidInputException(specFile + ": missing (the spec of " + row + "); the family phase did not "
                    + "finish writing family/; finish it with effnas run --resume");
        }
        return member(name, SpecFiles.read(specFile), best.get(), best.get().candidateId());
    }

    /** A member from its evaluation; a rung evaluation's checkpoint id is its id with the phase, {@code grid.c000007@r2}. */
    private static FinalMember member(String name, ArchSpec spec, Measurement m, String qualifiedId) {
        Optional<String> checkpoint = qualifiedId.contains("@r")
                ? Optional.of(qualifiedId.replaceFirst("/", ".")) : Optional.empty();
        return new FinalMember(name, spec, m.seed(), qualifiedId, m.top1(), checkpoint);
    }

    private static Comparator<Measurement> byRungThenTop1() {
        return Comparator.<Measurement>comparingInt(m -> rung(m.candidateId())).thenComparingDouble(Measurement::top1);
    }

    private static int rung(String id) {
        int at = id.lastIndexOf("@r");
        try {
            return at < 0 ? 0 : Integer.parseInt(id.substring(at + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
