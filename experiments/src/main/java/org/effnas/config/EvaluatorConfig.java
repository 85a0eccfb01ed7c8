package org.effnas.config;

import java.util.List;

/**
 * What turns a candidate into accuracy.
 *
 * @param kind         {@code dl4j} (really trains it) or {@code surrogate} (an analytic stand-in for
 *                     dry runs; every report built from it says SURROGATE)
 * @param localWorkers evaluations run at once on this machine when there is no cluster
 */
public record EvaluatorConfig(String kind, int localWorkers) {

    public static final List<String> KINDS = List.of("dl4j", "surrogate");

    public static EvaluatorConfig of(String kind) {
        return new EvaluatorConfig(kind, 1);
    }

    static EvaluatorConfig read(ConfigSection s) {
        return new EvaluatorConfig(s.choice("kind", "dl4j", KINDS), s.integer("local_workers", 1, 1, 256));
    }

    public boolean surrogate() {
        return kind.equals("surrogate");
    }
}
