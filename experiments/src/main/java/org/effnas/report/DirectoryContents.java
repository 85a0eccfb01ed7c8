package org.effnas.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.effnas.config.ExperimentConfig;
import org.effnas.journal.InMemoryResultStore;

/**
 * What an experiment directory holds (the files, each with what it is) and how far its experiment
 * got: each phase the config asks for is done (its CSV table is written), running (only its journal
 * exists) or not started. A directory without {@code config.yaml} (from {@code effnas search} or
 * {@code grid}) lists the phases whose tables it has.
 */
public record DirectoryContents(List<Entry> files, List<Phase> phases, boolean configKnown) {

    /** One file or folder of the directory. */
    public record Entry(String name, String description) {
    }

    /** How far one phase got. */
    public enum Status { DONE, RUNNING, NOT_STARTED }

    /**
     * @param done  evaluations finished
     * @param total evaluations planned; 0 when not known
     */
    public record Phase(String name, Status status, int done, int total) {

        public String text() {
            String count = total > 0 ? done + "/" + total : Integer.toString(done);
            return switch (status) {
                case DONE -> name + " done (" + done + " evaluations)";
                case RUNNING -> name + " running (" + count + " evaluations)";
                case NOT_STARTED -> name + " not started";
            };
        }
    }

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("config.yaml", "the resolved experiment config (rerun or resume with it)"),
            Map.entry("journal.jsonl", "every search evaluation, appended as it finished"),
            Map.entry("random-journal.jsonl", "the random baseline's evaluations"),
            Map.entry("grid-journal.jsonl", "the grid's evaluations"),
            Map.entry("family-journal.jsonl", "the family's evaluations"),
            Map.entry(ResultTables.CANDIDATES, "one row per search evaluation with its provenance"),
            Map.entry(ResultTables.GRID, "one row per grid evaluation (triple and seed)"),
            Map.entry(ResultTables.FAMILY, "one row per family evaluation (model and seed)"),
            Map.entry("best", "the winning baseline: spec, and the trained model when one was trained"),
            Map.entry("family", "one spec file per scaled model; under a scheduler with rungs, one folder per "
                    + "trained member: model.zip, model.onnx, preprocess.json, metrics.json"),
            Map.entry("final-journal.jsonl", "the final phase's evaluations"),
            Map.entry(ResultTables.FINAL, "one row per final model: test top-1 with n, steps, provenance"),
            Map.entry("final", "one folder per final model: model.zip, model.onnx, preprocess.json, metrics.json"),
            Map.entry("best.yaml", "the search winner's spec"),
            Map.entry("winner.yaml", "the grid winner's spec"),
            Map.entry("pareto.csv", "the search's Pareto front"),
            Map.entry(ReportBuilder.REPORT, "this report"));

    public boolean partial() {
        return phases.stream().anyMatch(p -> p.status() != Status.DONE);
    }

    public long phasesDone() {
        return phases.stream().filter(p -> p.status() == Status.DONE).count();
    }

    /** Reads the directory; {@code config} is null when it has no config.yaml. */
    static DirectoryContents of(Path dir, ExperimentConfig config, ExperimentResults r) throws IOException {
        List<Entry> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".png") || name.endsWith(".tmp")) {
                    continue;
                }
                files.add(new Entry(name + (Files.isDirectory(p) ? "/" : ""), KNOWN.getOrDefault(name, "")));
            }
        }
        List<Phase> phases = new ArrayList<>();
        boolean searchTable = Files.isRegularFile(dir.resolve(ResultTables.CANDIDATES));
        if (config == null) {
            for (var table : List.of(Map.entry("search", r.search()), Map.entry("grid", r.grid()),
                    Map.entry("family", r.family()))) {
                if (!table.getValue().isEmpty()) {
                    phases.add(new Phase(table.getKey(), Status.DONE, table.getValue().size(), 0));
                }
            }
            return new DirectoryContents(files, phases, false);
        }
        int budget = config.strategy().budget().evaluations();
        String main = config.strategy().name().text();
        if (config.searches()) {
            phases.add(searchPhase("search (" + main + ")", searchTable, dir.resolve(ReportBuilder.SEARCH_JOURNAL),
                    (int) r.search().stream().filter(p -> p.run().equals(main)).count(), budget));
            if (config.strategy().randomBaseline()) {
                phases.add(searchPhase("random baseline", searchTable, dir.resolve(ReportBuilder.RANDOM_JOURNAL),
                        (int) r.search().stream().filter(p -> p.run().equals("random")).count(), budget));
            }
        }
        // after a search in which every candidate failed, no grid or family follows
        boolean searchFailed = config.searches() && searchTable && r.search().stream().noneMatch(p -> p.m().ok());
        if (config.grid().enabled() && !searchFailed) {
            phases.add(tablePhase("grid", dir.resolve(ResultTables.GRID), dir.resolve("grid-journal.jsonl"),
                    r.grid().size()));
            boolean gridFailed = !r.grid().isEmpty() && r.grid().stream().noneMatch(p -> p.m().ok());
            if (config.family().enabled() && !gridFailed) {
                phases.add(tablePhase("family", dir.resolve(ResultTables.FAMILY), dir.resolve("family-journal.jsonl"),
                        r.family().size()));
            }
        }
        if (config.finalTraining().enabled()) {
            phases.add(tablePhase("final", dir.resolve(ResultTables.FINAL), dir.resolve("final-journal.jsonl"),
                    ResultTables.readFinal(dir).size()));
        }
        return new DirectoryContents(files, phases, true);
    }

    private static Phase searchPhase(String name, boolean table, Path journal, int rows, int budget) {
        if (table) {
            return new Phase(name, Status.DONE, rows, budget);
        }
        return Files.isRegularFile(journal) ? new Phase(name, Status.RUNNING, rows, budget)
                : new Phase(name, Status.NOT_STARTED, 0, budget);
    }

    private static Phase tablePhase(String name, Path table, Path journal, int rows) {
        if (Files.isRegularFile(table)) {
            return new Phase(name, Status.DONE, rows, 0);
        }
        InMemoryResultStore store = JournalRows.store(journal);
        if (store == null) {
            return new Phase(name, Status.NOT_STARTED, 0, 0);
        }
        return new Phase(name, Status.RUNNING, store.results().size(), store.submittedCount());
    }
}
