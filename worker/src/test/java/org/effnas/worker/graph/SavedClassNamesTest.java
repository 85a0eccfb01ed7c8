package org.effnas.worker.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A network saved under the former package names of the layer and vertex configurations still loads, unchanged. */
class SavedClassNamesTest {

    // batch norm + activation layers, a residual and squeeze-and-excitation: every configuration class DL4J names
    private static final ArchSpec NET = ArchSpec.of(16, 1, 4, BlockStrings.parseStem("k3_s1_o8"),
            BlockStrings.parseAll(List.of("r1_k3_s11_e1_i8_o8_se0.25")),
            BlockStrings.parseHead("o16"), Activation.SWISH, 0.2, 0.2);

    @Test
    void networkSavedUnderFormerClassNamesLoadsWithTheSameOutputs(@TempDir Path dir) throws IOException {
        ComputationGraph net = GraphTranslator.build(NET, GraphOptions.defaults(5));
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        String renamed;
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            Path config = fs.getPath("configuration.json");
            String json = Files.readString(config);
            renamed = json.replace("org.effnas.worker.batchnorm.", "org.effnas.worker.net.")
                    .replace("org.effnas.worker.graph.", "org.effnas.worker.net.");
            try (OutputStream out = Files.newOutputStream(config)) {
                out.write(renamed.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String former : List.of("BatchNormActivation", "ResidualVertex", "ChannelScaleVertex")) {
            assertTrue(renamed.contains("\"org.effnas.worker.net." + former + "\""), former + " is named in the saved JSON");
        }

        SavedClassNames.register();
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(zip.toFile(), false);

        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        assertEquals(net.outputSingle(false, x), loaded.outputSingle(false, x));
        net.close();
        loaded.close();
    }
}
