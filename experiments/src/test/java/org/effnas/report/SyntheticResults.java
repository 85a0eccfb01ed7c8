package org.effnas.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Plausible results for chart and report tests (the evaluator is named, so SURROGATE can be tested). */
final class SyntheticResults {

    /** Minival images behind each synthetic accuracy. */
    static final int IMAGES = 600;

    private SyntheticResults() {
    }

    static Measurement measurement(String id, double top1, long macs, String evaluator, boolean failed) {
        return new Measurement(id, "res28 in1 cls10 stem:k3_s1_o16 blocks:r1_k3_s11_e1_i16_o16,r2_k5_s22_e6_i16_o24 head:o320 act:swish dropout:0.2 drop_connect:0.2",
                failed ? Double.NaN : top1, Double.NaN, failed ? Double.NaN : 0.4, 120_000, failed ? 0 : macs,
                Double.NaN, 12.5, "local-0", failed ? "diverged: loss is NaN" : null, evaluator, 7,
                "epochs=1 subset=3000 batch=64 adam lr=0.002 constant minival=0.1", "fashion-mnist/minival",
                evaluator.equals("surrogate") ? "" : "ab12cd34", "0.1.0-SNAPSHOT+abc1234", "");
    }

    static ExperimentResults of(String evaluator, long seed) {
        Random rng = new Random(seed);
        List<SearchPoint> search = new ArrayList<>();
        for (String run : List.of("evolution", "random")) {
            for (int i = 1; i <= 24; i++) {
                long macs = (long) (3e6 * Math.pow(10, rng.nextDouble() * 1.3));
                double acc = 0.80 + 0.04 * Math.log10(macs / 3e6) + (run.equals("evolution") ? 0.01 * i / 24.0 : 0)
                        + rng.nextGaussian() * 0.01;
                boolean failed = i % 11 == 0;
                double reward = failed ? Double.NaN : acc * Math.pow(macs / 10e6, -0.07);
                search.add(new SearchPoint(run, i, i * 20 + rng.nextDouble() * 10, reward,
                        measurement(run.substring(0, 1) + i, acc, macs, evaluator, failed)));
            }
        }
        List<GridPoint> grid = new ArrayList<>();
        double[][] triples = {{1.0, 1.1, 1.2}, {1.1, 1.0, 1.2}, {1.2, 1.1, 1.1}, {1.2, 1.2, 1.0}, {1.0, 1.2, 1.1},
            {1.4, 1.0, 1.1}, {1.1, 1.1, 1.1}, {1.3, 1.1, 1.0}};
        for (double[] t : triples) {
            boolean winner = t[0] == 1.2 && t[1] == 1.1 && t[2] == 1.1;
            double base = winner ? 0.9 : 0.85 + rng.nextDouble() * 0.03;
            for (int s = 0; s < 2; s++) {
                double acc = base + (s == 0 ? 0.002 : -0.002);
                grid.add(new GridPoint(t[0], t[1], t[2], base, base - 0.01, base + 0.01, winner,
                        measurement("g" + grid.size(), acc, 20_000_000, evaluator, false)));
            }
        }
        List<FamilyPoint> family = new ArrayList<>();
        for (String scaling : List.of("compound", "width", "depth", "resolution")) {
            for (int phi = 0; phi <= 3; phi++) {
                long macs = (long) (8e6 * Math.pow(2, phi) * (1 + rng.nextDouble() * 0.1));
                double acc = 0.85 + phi * (scaling.equals("compound") ? 0.012 : 0.006) + rng.nextDouble() * 0.003;
                String name = (scaling.equals("compound") ? "B" : scaling.substring(0, 1).toUpperCase()) + phi;
                for (int s = 0; s < 2; s++) {
                    family.add(new FamilyPoint(scaling, phi, name, 1 + phi * 0.1, 1 + phi * 0.2, 28 + 4 * phi,
                            measurement(name, acc + s * 0.004, macs, evaluator, false)));
                }
            }
        }
        return new ExperimentResults("fashion-mnist / mnasnet-small / evolution", 10_000_000, IMAGES, search, grid, family);
    }
}
