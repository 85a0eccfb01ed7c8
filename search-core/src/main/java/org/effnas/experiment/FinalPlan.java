package org.effnas.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.effnas.InvalidSettingException;
import org.effnas.eval.TrainingSettings;

/**
 * The final phase of a plan: the chosen winners trained at full budget with their own recipe,
 * measured on the dataset's test split (never seen by the search), saved and exported. It runs last,
 * after the phases that chose the members.
 *
 * @param members  {@code baseline} (the search winner; the grid's base B0 without a search) and family
 *                 names ({@code B0}..{@code BN}, {@code D1}, {@code W1}, {@code R1}, ...), in order
 * @param training the full-budget recipe every member trains with
 * @param resolved the members already looked up in a finished experiment directory ({@code effnas
 *                 final DIR}); empty = resolved from this plan's own phases when they are done
 */
public record FinalPlan(List<String> members, TrainingSettings training, List<FinalMember> resolved) {

    /**
     * What a member name looks like: {@code baseline}, or a family name ({@code B2}, {@code W1}); it
     * names a folder ({@code final/<member>/}), so letters, digits, {@code _} and {@code -} only.
     */
    static final Pattern NAME = Pattern.compile("baseline|[A-Za-z][A-Za-z0-9_-]{0,31}");

    public FinalPlan {
        if (members == null || training == null || resolved == null) {
            throw new IllegalArgumentException("final plan: members, training and resolved (or empty) are required");
        }
        members = List.copyOf(members);
        resolved = List.copyOf(resolved);
        if (members.isEmpty()) {
            throw new InvalidSettingException("final members", "name at least one member, e.g. baseline or B1");
        }
        Set<String> seen = new HashSet<>();
        for (String m : members) {
            if (m == null || !NAME.matcher(m).matches()) {
                throw new InvalidSettingException("final members", "'" + m + "' is not a member name; use baseline "
                        + "or a family name such as B1, D1, W1, R1");
            }
            if (!seen.add(m)) {
                throw new InvalidSettingException("final members", m + " is named twice; name each member once");
            }
        }
        if (seen.contains("baseline") && seen.contains("B0")) {
            throw new InvalidSettingException("final members", "baseline and B0 are the same network; name one");
        }
        if (!resolved.isEmpty() && !resolved.stream().map(FinalMember::name).toList().equals(members)) {
            throw new IllegalArgumentException("final plan: resolved members " + resolved.stream()
                    .map(FinalMember::name).toList() + " are not " + members);
        }
    }

    /** One line for the plan, e.g. {@code then final: baseline, B1 at 5000 steps each, measured on the test split}. */
    public String describe() {
        return "then final: " + String.join(", ", members) + " at " + (training.steps() > 0 ? training.steps() + " steps"
                : org.effnas.notation.BlockStrings.number(training.epochs()) + " epoch(s)") + " each, trained with DL4J "
                + "and measured on the test split";
    }

    /** A final phase whose members the plan's phases will choose. */
    public static FinalPlan of(List<String> members, TrainingSettings training) {
        return new FinalPlan(members, training, List.of());
    }
}
