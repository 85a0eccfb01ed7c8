package org.effnas.family;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.effnas.InvalidInputException;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.grid.CoefficientGrid;
import org.effnas.notation.BlockStrings;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingDimension;
import org.effnas.scaling.ScalingFactors;
import org.effnas.spec.ArchSpec;

/**
 * Step 2 of compound scaling: the base scaled by a fixed (alpha, beta, gamma) at several phi with
 * {@link CompoundScaling}, optionally beside depth-, width- and resolution-only scaling to the same
 * nominal FLOPs ratio 2^phi. {@code effnas family} prints it; an experiment's family phase trains it.
 * One class builds every member, so the two never round differently.
 */
public final class ScaledFamily {

    /** One member: how it was scaled, its name, phi, multipliers, spec and exact cost. */
    public record Member(ScalingDimension scaling, String name, double phi, ScalingFactors factors, ArchSpec spec,
                         Cost cost, double nominalFlopsRatio, double achievedFlopsRatio) {
    }

    private final ArchSpec base;
    private final CompoundCoefficients coefficients;
    private final int resolutionDivisor;
    private final List<Member> members;

    private ScaledFamily(ArchSpec base, CompoundCoefficients c, int resolutionDivisor, List<Member> members) {
        this.base = base;
        this.coefficients = c;
        this.resolutionDivisor = resolutionDivisor;
        this.members = List.copyOf(members);
    }

    /**
     * The compound members at each phi, named {@code prefix + phi} (e.g. {@code B2}, {@code effnas-mini-phi2}).
     *
     * @param resolutionDivisor scaled resolutions are multiples of it
     *                          ({@link org.effnas.scaling.ScalingRules#resolutionDivisor})
     */
    public static ScaledFamily of(String prefix, ArchSpec base, CompoundCoefficients c, List<Double> phis,
                                  int resolutionDivisor) {
        if (phis.isEmpty() || phis.size() > 64) {
            throw new InvalidInputException("family phi: between 1 and 64 values, got " + phis.size());
        }
        List<Member> list = new ArrayList<>();
        long baseMacs = CostModel.of(base).macs();
        for (double phi : phis) {
            if (!Double.isFinite(phi) || phi < 0 || phi > 16) {
                throw new InvalidInputException("family phi: must be in [0, 16], got " + phi);
            }
            list.add(member(ScalingDimension.COMPOUND, prefix + BlockStrings.number(phi), phi, c.at(phi),
                    c.nominalFlopsRatio(phi), base, baseMacs, resolutionDivisor));
        }
        return new ScaledFamily(base, c, resolutionDivisor, list);
    }

    /**
     * Compound members solved elsewhere (e.g. to a cost target by
     * {@link org.effnas.scaling.TargetedScaling}): each given by its name, real-valued phi and rounded spec.
     */
    public static ScaledFamily ofSolved(ArchSpec base, CompoundCoefficients c, int resolutionDivisor,
                                        List<String> names, List<Double> phis, List<ArchSpec> specs) {
        if (names.size() != phis.size() || names.size() != specs.size() || names.isEmpty()) {
            throw new IllegalArgumentException("family: one name, phi and spec per member");
        }
        long baseMacs = CostModel.of(base).macs();
        List<Member> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Cost cost = CostModel.of(specs.get(i));
            list.add(new Member(ScalingDimension.COMPOUND, names.get(i), phis.get(i), c.at(phis.get(i)), specs.get(i),
                    cost, c.nominalFlopsRatio(phis.get(i)), (double) cost.macs() / baseMacs));
        }
        return new ScaledFamily(base, c, resolutionDivisor, list);
    }

    /** Whole-number members phi = phiMin..phiMax named B0, B1, ... */
    public static ScaledFamily range(ArchSpec base, CompoundCoefficients c, int phiMin, int phiMax,
                                     int resolutionDivisor) {
        if (phiMin < 0 || phiMax < phiMin || phiMax > 16) {
            throw new InvalidInputException("family phi: need 0 <= phi min <= phi max <= 16, got " + phiMin
                    + ".." + phiMax);
        }
        List<Double> phis = IntStream.rangeClosed(phiMin, phiMax).asDoubleStream().boxed().toList();
        return of(ScalingDimension.COMPOUND.prefix(), base, c, phis, resolutionDivisor);
    }

    /**
     * This family with depth-, width- and resolution-only members at phi = from..to (D1, W1, R1, ...),
     * each scaled to the nominal FLOPs ratio 2^phi of the compound member.
     */
    public ScaledFamily withSingleDimension(int from, int to) {
        List<Member> list = new ArrayList<>(members);
        long baseMacs = CostModel.of(base).macs();
        for (int phi = from; phi <= to; phi++) {
            double ratio = Math.pow(CoefficientGrid.TARGET_RATIO, phi);
            for (ScalingDimension d : List.of(ScalingDimension.DEPTH, ScalingDimension.WIDTH,
                    ScalingDimension.RESOLUTION)) {
                list.add(member(d, d.prefix() + phi, phi, d.alone(ratio), ratio, base, baseMacs, resolutionDivisor));
            }
        }
        return new ScaledFamily(base, coefficients, resolutionDivisor, list);
    }

    private static Member member(ScalingDimension scaling, String name, double phi, ScalingFactors f, double nominal,
                                 ArchSpec base, long baseMacs, int divisor) {
        ArchSpec spec = CompoundScaling.scale(base, f, divisor);
        Cost cost = CostModel.of(spec);
        return new Member(scaling, name, phi, f, spec, cost, nominal, (double) cost.macs() / baseMacs);
    }

    public CompoundCoefficients coefficients() {
        return coefficients;
    }

    public List<Member> members() {
        return members;
    }
}
