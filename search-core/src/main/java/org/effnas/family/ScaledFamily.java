package org.effnas.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effnas.InvalidInputException;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.grid.AccuracySummary;
import org.effnas.notation.BlockStrings;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingFactors;
import org.effnas.search.Proposal;
import org.effnas.spec.ArchSpec;

/**
 * Step 2 of compound scaling, for evaluation: the base scaled by a fixed (alpha, beta, gamma) at
 * phi = 0..N with {@link CompoundScaling} (the same scaling, names and rounding as {@code effnas
 * family}, which prints and writes the table and spec files), so that each member can be trained and
 * its accuracy set beside its cost.
 */
public final class ScaledFamily {

    /** One member: {@code <base>-phi<N>}. */
    public record Member(String name, double phi, ScalingFactors factors, ArchSpec spec, Cost cost,
                         double nominalFlopsRatio, double achievedFlopsRatio) {
    }

    /** Columns of {@code family-accuracy.csv}. */
    public static final String COLUMNS = "model,phi,width,depth,resolution,params,macs,flops_ratio_nominal,"
            + "flops_ratio_actual,accuracy_mean,accuracy_std,ci_low,ci_high";

    private final CompoundCoefficients coefficients;
    private final List<Member> members;

    private ScaledFamily(String baseName, ArchSpec base, CompoundCoefficients c, int phiMax, int resolutionDivisor) {
        if (phiMax < 0 || phiMax > 16) {
            throw new InvalidInputException("--family: phi must be in [0, 16], got " + phiMax);
        }
        this.coefficients = c;
        long baseMacs = CostModel.of(base).macs();
        List<Member> list = new ArrayList<>();
        for (int phi = 0; phi <= phiMax; phi++) {
            ScalingFactors f = c.at(phi);
            ArchSpec spec = CompoundScaling.scale(base, f, resolutionDivisor);
            Cost cost = CostModel.of(spec);
            list.add(new Member(baseName + "-phi" + phi, phi, f, spec, cost, c.nominalFlopsRatio(phi),
                    (double) cost.macs() / baseMacs));
        }
        this.members = List.copyOf(list);
    }

    /** Members phi = 0..phiMax (phi 0 is the base itself). */
    public static ScaledFamily of(String baseName, ArchSpec base, CompoundCoefficients c, int phiMax,
                                  int resolutionDivisor) {
        return new ScaledFamily(baseName, base, c, phiMax, resolutionDivisor);
    }

    public CompoundCoefficients coefficients() {
        return coefficients;
    }

    public List<Member> members() {
        return members;
    }

    /** Every member over {@code seeds} replicates. */
    public List<Proposal> proposals(int seeds) {
        return Proposal.replicated(members.stream().map(Member::spec).toList(), seeds);
    }

    /** The members with their measured accuracy, as CSV ({@link #COLUMNS}). */
    public String accuracyCsv(Map<String, AccuracySummary> accuracy) {
        StringBuilder b = new StringBuilder(COLUMNS).append('\n');
        for (Member m : members) {
            AccuracySummary a = accuracy.getOrDefault(BlockStrings.canonical(m.spec()), AccuracySummary.none());
            b.append(String.join(",", m.name(), BlockStrings.number(m.phi()), fixed(m.factors().width()),
                    fixed(m.factors().depth()), Integer.toString(m.spec().resolution()), Long.toString(m.cost().params()),
                    Long.toString(m.cost().macs()), fixed(m.nominalFlopsRatio()), fixed(m.achievedFlopsRatio()),
                    a.csv())).append('\n');
        }
        return b.toString();
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
