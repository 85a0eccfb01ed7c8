package org.effnas.schedule;

import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;

/**
 * The training steps of each rung: {@code min_steps * eta^k} for k = 0, 1, ... while below
 * {@code max_steps}, then {@code max_steps} itself as the top rung (so the last gap may be shorter).
 */
public record RungLadder(List<Long> steps) {

    public RungLadder {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new InvalidInputException("rung ladder: needs at least one rung");
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) <= steps.get(i - 1)) {
                throw new InvalidInputException("rung ladder: steps must increase, got " + steps);
            }
        }
    }

    public static RungLadder of(long minSteps, long maxSteps, int eta) {
        if (minSteps < 1 || maxSteps < minSteps || eta < 2) {
            throw new InvalidInputException("rung ladder: need 1 <= min_steps <= max_steps and eta >= 2, got "
                    + minSteps + ", " + maxSteps + ", " + eta);
        }
        List<Long> s = new ArrayList<>();
        long r = minSteps;
        while (r < maxSteps) {
            s.add(r);
            if (r > maxSteps / eta) {
                break;
            }
            r *= eta;
        }
        s.add(maxSteps);
        return new RungLadder(s);
    }

    /** One rung only (fifo at a fixed step count; 0 = the recipe decides). */
    public static RungLadder single(long steps) {
        return new RungLadder(List.of(steps));
    }

    public int rungs() {
        return steps.size();
    }

    public long stepsAt(int rung) {
        return steps.get(rung);
    }

    public int top() {
        return steps.size() - 1;
    }
}
