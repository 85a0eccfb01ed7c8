package org.effnas.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.function.Predicate;
import org.effnas.InvalidInputException;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;

/**
 * The JSON form of the evaluation types, as journals, caches and the cluster store them. Field names
 * are snake_case; a NaN metric is written as {@code null}. Reading checks every field and throws an
 * {@link InvalidInputException} naming the source and the field, never a Jackson stack trace.
 */
public final class EvalJson {

    /** Shared, thread-safe mapper with the settings all effnas JSON uses. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Plain records as JSON: their components, snake_case, null ones left out. */
    private static final ObjectMapper RECORDS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EvalJson() {
    }

    /** A record's components as a JSON object: snake_case names in the record's order, null ones left out. */
    public static ObjectNode fields(Record r) {
        return RECORDS.valueToTree(r);
    }

    /**
     * The recipe's fields (part of every cache key: keep them stable). The engine and precision appear only
     * when not the default DL4J in f32, so every key and journal line written before they existed still
     * reads the same.
     */
    public static ObjectNode training(TrainingSettings t) {
        ObjectNode n = fields(t);
        if (t.engine() == TrainingEngine.DL4J) {
            n.remove("engine");
        }
        if (t.precision() == Precision.F32) {
            n.remove("precision");
        }
        return n;
    }

    public static TrainingSettings training(JsonNode n, String where) {
        Fields f = new Fields(n, where + " training");
        return new TrainingSettings(f.num("epochs"), f.integer("steps"), (int) f.integer("subset"),
                (int) f.integer("batch_size"), f.text("optimizer"), f.num("learning_rate"),
                f.num("warmup_epochs"), f.text("schedule"), f.num("weight_decay"),
                f.num("label_smoothing"), f.bool("augment"), f.num("minival_fraction"),
                // absent in journals written before precise BN existed: those runs had none
                (int) f.integerOr("precise_bn_images", 0),
                f.parsedOr("engine", TrainingEngine::parse, TrainingEngine.DL4J),
                f.parsedOr("precision", Precision::parse, Precision.F32));
    }

    /** The provenance's fields; device, backend and latency only when known, {@code cached} only when true. */
    public static ObjectNode provenance(Provenance p) {
        return fields(p);
    }

    public static Provenance provenance(JsonNode n, String where) {
        Fields f = new Fields(n, where + " provenance");
        return new Provenance(f.text("evaluator"), f.integer("seed"), training(f.node("training"), where),
                f.text("dataset"), f.text("data_checksum"), f.text("code_version"),
                // absent in journals written before provenance named the device and backend
                n.path("device").asText(""), n.path("backend").asText(""), n.path("latency").asText(""), n.path("cached").asBoolean(false));
    }

    public static ObjectNode result(EvalResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.candidateId());
        n.put("spec_key", r.specKey());
        number(n, "top1", r.top1());
        number(n, "top5", r.top5());
        number(n, "loss", r.loss());
        n.put("params", r.params());
        n.put("macs", r.macs());
        number(n, "latency_ms", r.latencyMs());
        number(n, "train_images_per_second", r.trainImagesPerSecond());
        number(n, "wall_seconds", r.wallSeconds());
        n.put("worker", r.workerId());
        if (r.failure() != null) {
            n.put("failure", r.failure());
        }
        n.set("provenance", provenance(r.provenance()));
        return n;
    }

    public static EvalResult result(JsonNode n, String where) {
        Fields f = new Fields(n, where + " result");
        String failure = n.hasNonNull("failure") ? n.get("failure").asText() : null;
        double top1 = f.metric("top1");
        if (failure == null && !(top1 >= 0 && top1 <= 1)) {
            throw new InvalidInputException(f.where + ": field 'top1' must be in [0, 1] for a successful result, got "
                    + n.get("top1"));
        }
        return new EvalResult(f.text("id"), f.text("spec_key"), top1, f.metric("top5"),
                f.metric("loss"), f.integer("params"), f.integer("macs"), f.metric("latency_ms"),
                f.metric("train_images_per_second"), f.metric("wall_seconds"), f.text("worker"), failure,
                provenance(f.node("provenance"), where));
    }

    public static ObjectNode candidate(Candidate c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("spec_key", c.specKey());
        n.put("seed", c.seed());
        n.set("training", training(c.training()));
        n.set("spec", spec(c.spec()));
        if (c.fidelity() != null) {
            n.set("fidelity", fidelity(c.fidelity()));
        }
        return n;
    }

    /** The rung's fields; {@code resume_from} only when set. */
    public static ObjectNode fidelity(Fidelity f) {
        return fields(f);
    }

    public static Fidelity fidelity(JsonNode n, String where) {
        Fields f = new Fields(n, where + " fidelity");
        String resume = n.hasNonNull("resume_from") ? f.text("resume_from") : null;
        return new Fidelity(f.text("base_id"), (int) f.integer("bracket"), (int) f.integer("rung"),
                f.integer("steps"), f.integer("from_steps"), resume, f.text("checkpoint"));
    }

    /** Reads a candidate and checks that its spec still has the canonical form it was recorded with. */
    public static Candidate candidate(JsonNode n, String where) {
        Fields f = new Fields(n, where + " candidate");
        String id = f.text("id");
        ArchSpec spec = SpecFiles.parseJson(f.node("spec").toString(), where + " candidate " + id);
        // absent for candidates without a rung (fifo, and journals written before schedulers existed)
        Fidelity fidelity = n.hasNonNull("fidelity") ? fidelity(n.get("fidelity"), where + " candidate " + id) : null;
        Candidate c = Candidate.of(id, spec, training(f.node("training"), where), f.integer("seed"), fidelity);
        String key = f.text("spec_key");
        if (!key.equals(c.specKey())) {
            throw new InvalidInputException(where + ": candidate " + id + " spec does not match its spec_key ("
                    + key + " vs " + c.specKey() + "): the file was edited or written by incompatible code");
        }
        return c;
    }

    /** A spec as a JSON tree (the spec-file JSON form). */
    public static JsonNode spec(ArchSpec spec) {
        try {
            return MAPPER.readTree(SpecFiles.toJson(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spec JSON did not parse back", e);
        }
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    /** Typed, checked access to an object's fields; errors name the source and the field. */
    private record Fields(JsonNode n, String where) {

        Fields {
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(where + ": expected a JSON object");
            }
        }

        JsonNode node(String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(where + ": field '" + field + "' is missing");
            }
            return v;
        }

        /** The field's value, which must be of the type {@code ok} accepts. */
        private JsonNode typed(String field, Predicate<JsonNode> ok, String type) {
            JsonNode v = node(field);
            if (!ok.test(v)) {
                throw new InvalidInputException(where + ": field '" + field + "' must be " + type + ", got " + v);
            }
            return v;
        }

        String text(String field) {
            return typed(field, JsonNode::isTextual, "a string").asText();
        }

        double num(String field) {
            return typed(field, JsonNode::isNumber, "a number").asDouble();
        }

        /** A metric: a number, or null/absent for "not measured" (NaN). */
        double metric(String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                throw new InvalidInputException(where + ": field '" + field + "' must be a number or null, got " + v);
            }
            return v.asDouble();
        }

        long integer(String field) {
            return typed(field, JsonNode::isIntegralNumber, "an integer").asLong();
        }

        /** A string field read by {@code parse} (which refuses with IllegalArgumentException); absent gives {@code absent}. */
        <T> T parsedOr(String field, Function<String, T> parse, T absent) {
            if (!n.has(field)) {
                return absent;
            }
            String value = text(field);
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where + ": field '" + field + "': " + e.getMessage());
            }
        }

        long integerOr(String field, long absent) {
            return n.has(field) ? integer(field) : absent;
        }

        boolean bool(String field) {
            return typed(field, JsonNode::isBoolean, "true or false").asBoolean();
        }
    }
}
