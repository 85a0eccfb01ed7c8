package org.effnas.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.effnas.eval.EvalJson;
import org.effnas.family.ScaledFamily;
import org.effnas.search.Observation;

/**
 * {@code family/<name>/}: each family member trained in rungs saved as a deployable model from the
 * checkpoint of its best successful rung evaluation (the evaluation the final phase would continue),
 * through the experiment's {@link BestModelSaver}. A member that is the same network as another
 * (B0 and the search winner, a member and a single-dimension model at equal scale) gets its own
 * folder, saved from the shared checkpoint, so every folder is complete on its own. A resume finds
 * a member already saved from the same checkpoint and leaves it.
 */
final class FamilyModels {

    /** The {@code metrics.json} key naming the checkpoint a saved model came from. */
    static final String CHECKPOINT = "checkpoint";

    private FamilyModels() {
    }

    static void save(ScaledFamily members, List<ExperimentArtefacts.FamilyEvaluation> rows, Path family,
                     BestModelSaver saver, PhaseListeners listeners) {
        for (ScaledFamily.Member m : members.members()) {
            Optional<ExperimentArtefacts.FamilyEvaluation> chosen = rows.stream()
                    .filter(e -> e.member().name().equals(m.name()) && e.observation().result().ok()
                            && e.observation().candidate().fidelity() != null)
                    .max(Comparator.comparingDouble(e -> e.observation().accuracy()));
            if (chosen.isEmpty()) {
                listeners.message("effnas: no family/" + m.name() + "/model.zip: " + m.name() + " has no successful "
                        + "rung evaluation (see family.csv)");
                continue;
            }
            Observation o = chosen.get().observation();
            String checkpoint = FinalPhase.member(m.name(), o, chosen.get().qualifiedId()).checkpoint().orElseThrow();
            Path dir = family.resolve(m.name());
            if (savedFrom(dir, checkpoint)) {
                listeners.message("effnas: family/" + m.name() + "/model.zip is already saved from " + checkpoint
                        + "; not saved again");
                continue;
            }
            listeners.message("effnas: saving " + m.name() + "'s checkpoint " + checkpoint + " as family/" + m.name()
                    + "/model.zip ...");
            listeners.message("effnas: " + saver.saveMember(m.name(), o, checkpoint, dir));
        }
    }

    /**
     * The one line a trained family without rungs gets: its members have no checkpoints, and nothing
     * is retrained silently; it says how to get their models.
     */
    static String notSaved(ScaledFamily members, Path out) {
        String names = String.join(",", members.members().stream().map(ScaledFamily.Member::name).distinct().toList());
        return "effnas: no family/<name>/model.zip: family members are saved under a scheduler with rungs, or with: "
                + "effnas final " + out + " --members " + names;
    }

    /** Whether {@code dir} holds a model saved from {@code checkpoint} (its metrics say so). */
    static boolean savedFrom(Path dir, String checkpoint) {
        Path metrics = dir.resolve("metrics.json");
        if (!Files.isRegularFile(dir.resolve("model.zip")) || !Files.isRegularFile(metrics)) {
            return false;
        }
        try {
            JsonNode n = EvalJson.MAPPER.readTree(metrics.toFile());
            return checkpoint.equals(n.path(CHECKPOINT).asText(null));
        } catch (IOException e) {
            return false; // a torn metrics file: saved again
        }
    }
}
