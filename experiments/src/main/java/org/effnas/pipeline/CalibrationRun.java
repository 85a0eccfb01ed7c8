package org.effnas.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.effnas.cost.CostModel;
import org.effnas.data.Augmentation;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.version.CodeVersion;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.profile.ProcessorName;
import org.effnas.worker.profile.TrainingBenchmark;

/**
 * Measures a {@link Calibration}: a few DL4J training steps of effnas-mini on Fashion-MNIST (a couple
 * of seconds to load, a few seconds to train), kept in the cache file for later runs.
 */
public final class CalibrationRun {

    static final String REFERENCE = "effnas-mini";
    private static final int BATCH = 32;
    private static final int WARMUP = 2;
    private static final int STEPS = 6;
    /**
     * What this process measured, per cache file: a command that asks twice (whether to confirm, then
     * the run's own line) uses its own figure again, even one the load rule would measure again later.
     */
    private static final Map<Path, Calibration> MEASURED_HERE = new ConcurrentHashMap<>();

    private CalibrationRun() {
    }

    /**
     * The cached calibration, else a fresh measurement written to the cache; empty (with a line on
     * {@code log} saying why) when the reference data is not installed or training fails.
     */
    public static Optional<Calibration> cachedOrMeasured(Path file, PrintStream log) {
        Calibration here = MEASURED_HERE.get(file.toAbsolutePath());
        if (here != null) {
            return Optional.of(here);
        }
        String machine = ProcessorName.describe();
        int cores = Runtime.getRuntime().availableProcessors();
        Optional<Calibration> cached = Calibration.read(file);
        Optional<String> stale = cached.flatMap(c -> c.staleReason(machine, CodeVersion.current(), cores));
        if (cached.isPresent() && stale.isEmpty()) {
            return cached;
        }
        try {
            log.println("effnas: calibrating this machine's training speed (a few steps of " + REFERENCE
                    + "; cached in " + file + stale.map(why -> "; the cached figure is not used: " + why).orElse("")
                    + ")");
            log.flush();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            NativeBackend.prepare();
            ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null));
            ArchSpec spec = Architectures.resolve(REFERENCE).withInput(28, data.channels(), data.numClasses());
            SplitDataset splits = SplitDataset.of(data, SplitOptions.defaults());
            TrainingBenchmark b = TrainingBenchmark.run(spec,
                    splits.trainIterator(spec.resolution(), BATCH, Augmentation.none(), 1), WARMUP, STEPS, 1);
            Calibration c = Calibration.of(REFERENCE, spec.resolution(), CostModel.of(spec).macs(),
                    b.imagesPerSecond(), splits.trainIndices().length + splits.minivalIndices().length, machine,
                    CodeVersion.current(), load < 0 ? Double.NaN : load, "measured now");
            c.write(file);
            MEASURED_HERE.put(file.toAbsolutePath(), c);
            return Optional.of(c);
        } catch (IOException | RuntimeException e) {
            log.println("effnas: no time estimate (calibration failed: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
