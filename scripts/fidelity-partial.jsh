// The rank agreement of an `effnas fidelity` study that has not finished, from its journal.jsonl:
// per rung, the results so far and their top-1 range, then Kendall tau and Spearman rho of each rung
// against the top rung over the architectures that reached both, with the same statistic, bootstrap
// and seed as the finished study (search-core's RankAgreement.between). Usage, from the repository root:
//   jshell -R-Djournal=runs/fidelity/journal.jsonl --class-path "$(ls experiments/target/effnas.jar \
//       experiments/target/lib/*.jar | tr '\n' ':')" scripts/fidelity-partial.jsh
// `effnas fidelity ... --resume` with the study's own arguments finishes the study itself.
import com.fasterxml.jackson.databind.*;
import java.nio.file.*;
import java.util.*;
import org.effnas.trust.*;
var mapper = new ObjectMapper();
Map<Integer, Map<String, Double>> byRung = new TreeMap<>();
Map<Integer, Integer> steps = new TreeMap<>();
double wall = 0;
int failed = 0;
Map<String, Integer> rungOfId = new HashMap<>();
for (String line : Files.readAllLines(Path.of(System.getProperty("journal")))) {
    JsonNode j;
    try { j = mapper.readTree(line); } catch (Exception e) { continue; } // a torn last line
    String type = j.path("type").asText();
    if (type.equals("submitted") && j.has("fidelity")) {
        rungOfId.put(j.get("id").asText(), j.get("fidelity").get("rung").asInt());
        steps.put(j.get("fidelity").get("rung").asInt(), j.get("fidelity").get("steps").asInt());
    } else if (type.equals("result")) {
        String id = j.get("id").asText();
        wall += j.path("wall_seconds").asDouble(0);
        if (j.path("top1").isNumber()) {
            byRung.computeIfAbsent(rungOfId.get(id), k -> new TreeMap<>()).put(id.substring(0, id.indexOf('@')), j.get("top1").asDouble());
        } else {
            failed++;
        }
    }
}
int top = steps.keySet().stream().mapToInt(Integer::intValue).max().getAsInt();
System.out.printf("failed results: %d; summed training+evaluation wall time of the results: %.0f s%n", failed, wall);
for (var e : byRung.entrySet()) {
    var v = e.getValue().values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
    System.out.printf("rung %d (%d steps): %d results, top-1 %.4f .. %.4f%n", e.getKey(), steps.get(e.getKey()), v.getCount(), v.getMin(), v.getMax());
}
Map<String, Double> topScores = byRung.getOrDefault(top, Map.of());
for (int r = 0; r < top; r++) {
    RankAgreement a = RankAgreement.between(r, byRung.getOrDefault(r, Map.of()), top, topScores);
    System.out.printf("rung %d vs %d (%d vs %d steps): n=%d  tau %s  rho %s%n", r, top, steps.get(r), steps.get(top), a.common(), a.kendall(), a.spearman());
}
/exit
