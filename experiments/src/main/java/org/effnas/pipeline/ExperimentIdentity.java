package org.effnas.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.effnas.config.ExperimentConfig;

/**
 * What makes two configs the same experiment: everything that changes a result (data, space,
 * reward, strategy, training, evaluator kind, grid, family, seed), but not what may change between
 * sessions of one experiment (the budget, the number of workers, the cluster, the output directory,
 * the folder the data is read from).
 * A resumed run must have the same identity as the one that started the directory.
 */
public final class ExperimentIdentity {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private ExperimentIdentity() {
    }

    /** The identifying part of a config as JSON (also the journal header's config). */
    public static ObjectNode of(ExperimentConfig c) {
        ObjectNode n = JSON.valueToTree(c);
        n.remove("output");
        n.remove("cluster");
        // the final phase trains after the experiment and has its own journal identity: adding it
        // to a finished experiment, or changing it, is the same experiment
        n.remove("final");
        ((ObjectNode) n.get("strategy")).remove("budget");
        ((ObjectNode) n.get("evaluator")).remove("local_workers");
        // where the files are is not what they are: each result records the data's checksum
        ((ObjectNode) n.get("dataset")).remove("path");
        return n;
    }

    /** Dotted paths of the identifying values that differ, e.g. {@code [training.epochs, seed]}. */
    public static List<String> differences(ExperimentConfig a, ExperimentConfig b) {
        List<String> out = new ArrayList<>();
        diff("", of(a), of(b), out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a == null || !a.equals(b)) {
            out.add(path);
        }
    }
}
