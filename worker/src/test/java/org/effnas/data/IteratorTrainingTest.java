package org.effnas.data;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iterator drives a real DL4J fit on real Fashion-MNIST images (the fixture): a tiny network
 * must learn well above chance on minival, which fails if images and labels were misaligned, batches
 * overwritten while in use, or the layout not what DL4J's convolutional input type expects. A dense
 * network keeps it fast; the image input type (NCHW) is flattened by DL4J's own preprocessor.
 */
class IteratorTrainingTest {

    @Test
    void tinyNetworkLearnsFromTheIterator() {
        SplitDataset split = SplitDataset.of(Fixtures.fashionMini(false), SplitOptions.of(0.2, 0, 0));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(3e-3))
                .list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        long start = System.nanoTime();
        net.fit(split.trainIterator(28, 32, Augmentation.none(), 3), 3);
        Evaluation evaluation = net.evaluate(split.evalIterator(SplitName.MINIVAL, 28, 50));
        System.out.printf("minival accuracy %.3f after %.1f s%n", evaluation.accuracy(),
                (System.nanoTime() - start) / 1e9);

        assertTrue(evaluation.accuracy() > 0.65, "chance is 0.1; got " + evaluation.accuracy());
    }
}
