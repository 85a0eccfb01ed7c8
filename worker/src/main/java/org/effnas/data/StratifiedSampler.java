package org.effnas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Draws a class-stratified sample of a given size: each class contributes in proportion to its
 * share (largest remainders settle the rounding, ties to the lower class index), and within a class
 * the images are chosen by a seeded shuffle. {@link java.util.Random} is used because its sequence
 * is fixed by the Java specification, so a seed means the same images on every JVM.
 */
final class StratifiedSampler {

    /** The chosen indices and the rest, each in ascending order. */
    record Draw(int[] chosen, int[] rest) {
    }

    private StratifiedSampler() {
    }

    /**
     * Picks {@code count} of {@code indices} (positions into {@code labels}).
     *
     * @param numClasses labels are below this
     */
    static Draw draw(int[] indices, int[] labels, int numClasses, int count, long seed) {
        if (count < 0 || count > indices.length) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + indices.length + " images");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int index : indices) {
            byClass.get(labels[index]).add(index);
        }
        int[] quota = quotas(byClass, indices.length, count);
        Random random = new Random(seed);
        boolean[] picked = new boolean[labels.length];
        for (int c = 0; c < numClasses; c++) {
            int[] members = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            shuffle(members, random);
            for (int i = 0; i < quota[c]; i++) {
                picked[members[i]] = true;
            }
        }
        int[] chosen = new int[count];
        int[] rest = new int[indices.length - count];
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        int a = 0;
        int b = 0;
        for (int index : sorted) {
            if (picked[index]) {
                chosen[a++] = index;
            } else {
                rest[b++] = index;
            }
        }
        return new Draw(chosen, rest);
    }

    private static int[] quotas(List<List<Integer>> byClass, int total, int count) {
        int classes = byClass.size();
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) count * byClass.get(c).size() / total;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < count) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < byClass.get(c).size() && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        return quota;
    }

    /** Fisher-Yates shuffle. */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
