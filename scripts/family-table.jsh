// Prints an experiment directory's family.csv as a Markdown table: one row per model (B0.., D1..,
// W1.., R1..) with its resolution, multipliers, MACs and FLOPs ratio to B0, the mean minival top-1
// over seeds with the report's 95% interval (AccuracyInterval: Student t over seeds, clipped, at
// least the pooled Wilson interval) and every seed's value. Usage, from the repository root:
//   jshell -R-Ddir=runs/figure8 -R-Dimages=1800 --class-path "$(ls experiments/target/effnas.jar \
//       experiments/target/lib/*.jar | tr '\n' ':')" scripts/family-table.jsh
// (images = the minival size n that the report's method notes give).
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.effnas.report.*;
import org.effnas.report.statistics.*;
Path dir = Path.of(System.getProperty("dir"));
int images = Integer.getInteger("images", 0);
List<FamilyPoint> points = ResultTables.readFamily(dir);
Map<String, List<FamilyPoint>> byName = points.stream().collect(Collectors.groupingBy(FamilyPoint::name,
        LinkedHashMap::new, Collectors.toList()));
long b0 = byName.containsKey("B0") ? byName.get("B0").get(0).m().macs() : 0;
System.out.println("| model | scaling | phi | px | width | depth | MACs | x B0 | mean top-1 | 95% interval | n | seeds |");
System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (var e : byName.entrySet()) {
    FamilyPoint p = e.getValue().get(0);
    List<Double> acc = e.getValue().stream().filter(q -> q.m().ok()).map(q -> q.m().top1()).toList();
    AccuracyInterval a = AccuracyInterval.of(acc, images);
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %,d | %s | %.2f%% | [%.2f, %.2f] | %d | %s |%n",
            p.name(), p.scaling(), NumberText.plain(p.phi()), p.resolution(), p.width(), p.depth(), p.m().macs(),
            b0 == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) p.m().macs() / b0), 100 * a.mean(),
            100 * a.low(), 100 * a.high(), a.seeds(),
            acc.stream().map(x -> String.format(Locale.ROOT, "%.2f", 100 * x)).collect(Collectors.joining(", ")));
}
double wall = points.stream().mapToDouble(p -> p.m().wallSeconds()).sum();
System.out.printf(Locale.ROOT, "%d evaluations, %.0f s of evaluation wall time summed over workers%n", points.size(), wall);
/exit
