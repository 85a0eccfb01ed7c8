package org.effnas.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.effnas.InvalidInputException;
import org.effnas.InvalidSettingException;
import org.effnas.scaling.CompoundCoefficients;

/**
 * Step 1 of compound scaling: the (alpha, beta, gamma) lattice {@code 1, 1+step, ..., max} in each
 * coefficient, kept where {@code |alpha * beta^2 * gamma^2 - 2| <= tolerance} (twice the FLOPs per unit
 * of phi). With more feasible triples than {@code maxTriples}, the ones nearest the constraint are kept
 * (ties in enumeration order); the result is always in enumeration order (alpha, then beta, then gamma).
 * A grid may instead name its triples ({@link #fixed}): then they alone are evaluated, in their order,
 * whatever the lattice, as when a study compares a known triple (the paper's) against the
 * single-dimension scalings rather than searching for one.
 *
 * @param maxTriples cap on the number of triples, or 0 for no cap
 * @param fixed      the triples to evaluate instead of the lattice's; empty = the lattice
 */
public record CoefficientGrid(double step, double max, double tolerance, int maxTriples,
                              List<CompoundCoefficients> fixed) {

    /** The FLOPs ratio per unit of phi that the constraint aims at. */
    public static final double TARGET_RATIO = 2.0;
    /**
     * Most lattice triples enumerated (100 values per coefficient); the paper's step-0.05 grid up to 2
     * has 21^3 = 9,261. A finer lattice is refused before anything is enumerated.
     */
    public static final long MAX_LATTICE_TRIPLES = 1_000_000;

    public CoefficientGrid {
        if (!(step > 0) || step > 1) {
            throw new InvalidSettingException("grid step", "must be in (0, 1], got " + step);
        }
        if (!(max >= 1) || max > 16) {
            throw new InvalidSettingException("grid max", "must be in [1, 16], got " + max);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InvalidSettingException("grid tolerance", "must be a finite number >= 0, got " + tolerance);
        }
        if (maxTriples < 0) {
            throw new InvalidSettingException("grid max triples", "must be >= 0 (0 = no cap), got " + maxTriples);
        }
        String tooFine = latticeProblem(step, max);
        if (tooFine != null) {
            throw new InvalidSettingException("grid step", tooFine);
        }
        if (fixed == null || fixed.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("grid: fixed triples must be a list (empty = the lattice) without nulls");
        }
        fixed = List.copyOf(fixed);
        if (fixed.stream().distinct().count() < fixed.size()) {
            throw new InvalidSettingException("grid coefficients", "name each triple once, got " + fixed);
        }
    }

    /**
     * Why a step-{@code step} lattice in [1, {@code max}] is too large to enumerate (more than
     * {@link #MAX_LATTICE_TRIPLES} triples), or null when it is not. Computed without enumerating.
     */
    public static String latticeProblem(double step, double max) {
        if (!(step > 0) || !(max >= 1) || Double.isInfinite(max)) {
            return null; // range errors are reported on their own
        }
        double perCoefficient = Math.floor((max - 1) / step + 1e-9) + 1;
        double triples = perCoefficient * perCoefficient * perCoefficient;
        if (triples <= MAX_LATTICE_TRIPLES) {
            return null;
        }
        double perAxis = Math.cbrt(MAX_LATTICE_TRIPLES);
        double minStep = (max - 1) / (perAxis - 1);
        return String.format(Locale.ROOT, "%s gives %.0f values per coefficient in [1, %s], %.3g lattice triples; "
                + "at most %d are enumerated, so use a step of at least %s", num(step), perCoefficient, num(max),
                triples, MAX_LATTICE_TRIPLES, num(Math.ceil(minStep * 1e4) / 1e4));
    }

    /** A lattice grid (no fixed triples). */
    public static CoefficientGrid of(double step, double max, double tolerance, int maxTriples) {
        return new CoefficientGrid(step, max, tolerance, maxTriples, List.of());
    }

    /**
     * A grid of the given triples alone (the lattice settings are the defaults' and unused): the
     * phase trains them, and the family scales the best of them.
     */
    public static CoefficientGrid fixed(List<CompoundCoefficients> triples) {
        if (triples == null || triples.isEmpty()) {
            throw new InvalidSettingException("grid coefficients", "name at least one (alpha, beta, gamma) triple");
        }
        CoefficientGrid d = defaults();
        return new CoefficientGrid(d.step(), d.max(), d.tolerance(), d.maxTriples(), triples);
    }

    /** Whether the triples are named rather than enumerated from the lattice. */
    public boolean isFixed() {
        return !fixed.isEmpty();
    }

    /** The paper's grid: step 0.05 up to 2.0, tolerance 0.1, no cap. */
    public static CoefficientGrid defaults() {
        return of(0.05, 2.0, 0.1, 0);
    }

    /** Lattice values 1, 1+step, ... <= max, rounded to 1e-9 so that 1 + 3 * 0.05 is 1.15. */
    public List<Double> values() {
        List<Double> v = new ArrayList<>();
        for (int i = 0; ; i++) {
            double x = Math.round((1 + i * step) * 1e9) / 1e9;
            if (x > max + 1e-9) {
                return v;
            }
            v.add(x);
        }
    }

    /** Every feasible triple in enumeration order, before the cap. */
    public List<CompoundCoefficients> allFeasible() {
        List<Double> v = values();
        List<CompoundCoefficients> out = new ArrayList<>();
        for (double a : v) {
            for (double b : v) {
                for (double g : v) {
                    if (Math.abs(a * b * b * g * g - TARGET_RATIO) <= tolerance + 1e-12) {
                        out.add(CompoundCoefficients.of(a, b, g));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The triples to evaluate: the fixed ones when named, else every feasible one, or the
     * {@code maxTriples} nearest the constraint.
     *
     * @throws InvalidInputException when no triple is feasible, naming step, tolerance and max
     */
    public List<CompoundCoefficients> triples() {
        if (isFixed()) {
            return fixed;
        }
        List<CompoundCoefficients> all = allFeasible();
        if (all.isEmpty()) {
            throw new InvalidSettingException("grid step", String.format(Locale.ROOT, "no (alpha, beta, gamma) "
                    + "with |alpha*beta^2*gamma^2 - 2| <= %s on a step-%s lattice in [1, %s]; use a finer step, a "
                    + "larger tolerance or a larger max", num(tolerance), num(step), num(max)));
        }
        if (maxTriples == 0 || all.size() <= maxTriples) {
            return all;
        }
        List<CompoundCoefficients> nearest = new ArrayList<>(all);
        nearest.sort(Comparator.comparingDouble(c -> Math.abs(c.nominalFlopsRatio() - TARGET_RATIO)));
        List<CompoundCoefficients> kept = nearest.subList(0, maxTriples);
        return all.stream().filter(kept::contains).toList();
    }

    private static String num(double v) {
        return org.effnas.notation.BlockStrings.number(v);
    }
}
