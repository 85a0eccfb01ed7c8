import java.nio.file.Path;
import org.effnas.data.Augmentation;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.InMemoryImageIterator;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.nhwc.NhwcNetwork;
import org.effnas.eval.Precision;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Whether bf16 changes what the NHWC engine learns: an architecture trained for EPOCHS epochs on the
 * 54,000 Fashion-MNIST training images of effnas's default split (10% held out as minival; Adam,
 * constant 1e-3, batch 128, no augmentation) in each precision given, for each seed of the SEEDS
 * environment variable (default 1: it sets the initial weights and the batch order), then tested on the
 * 10,000 test images. One line per precision: test top-1,
 * the last 50 steps' mean loss, images/s. A benchmark: it prints figures and asserts nothing.
 *
 * <pre>bench/nhwc-epoch-accuracy.sh [ARCH] [EPOCHS] [PRECISION...]</pre>
 */
public final class NhwcEpochAccuracy {

    private static final int BATCH = 128;

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "effnas-mini";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String[] precisions = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"f32", "bf16"};
        SplitDataset data = SplitDataset.of(DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST,
                Path.of("/usr/share/datasets/fashion-mnist")).withTest()), SplitOptions.defaults());
        ArchSpec spec = Architectures.get(arch).withInput(28, 1, 10);
        long[] seeds = java.util.Arrays.stream(System.getenv().getOrDefault("SEEDS", "1").trim().split("\\s+"))
                .mapToLong(Long::parseLong).toArray();
        for (long seed : seeds) {
            for (String p : precisions) {
                run(data, spec, arch, epochs, p, seed);
            }
        }
    }

    private static void run(SplitDataset data, ArchSpec spec, String arch, int epochs, String p, long seed) {
        {
            Precision precision = Precision.parse(p);
            if (!NhwcNetwork.supports(precision)) {
                System.out.println(arch + " " + p + ": left out, oneDNN cannot run it on this CPU");
                return;
            }
            NhwcNetwork net = NhwcNetwork.of(spec, BATCH, precision, seed);
            InMemoryImageIterator train = data.trainIterator(28, BATCH, Augmentation.none(), seed);
            double recent = 0;
            int steps = 0;
            long t0 = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                train.reset();
                while (train.hasNext()) {
                    DataSet b = train.next();
                    if (b.numExamples() == BATCH) {
                        double loss = net.fit(b);
                        recent = steps < 50 ? recent + loss / 50 : recent + (loss - recent) / 50;
                        steps++;
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            InMemoryImageIterator test = data.evalIterator(SplitName.TEST, 28, BATCH);
            int correct = 0;
            int seen = 0;
            while (test.hasNext()) {
                DataSet b = test.next();
                int[] predicted = net.predict(b);
                int[] labels = b.getLabels().argMax(1).toIntVector();
                for (int i = 0; i < labels.length; i++) {
                    correct += predicted[i] == labels[i] ? 1 : 0;
                }
                seen += labels.length;
            }
            System.out.printf("%s %s seed=%d epochs=%d steps=%d test_top1=%.4f (%d/%d) recent_loss=%.4f images_per_s=%.1f %s%n",
                    arch, p, seed, epochs, steps, correct / (double) seen, correct, seen, recent,
                    steps * (double) BATCH / seconds, net.describe());
        }
    }
}
