package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * Times the PyTorch engine on the 1.23 M-parameter ResNet of the CPU baseline (batch 32, 1x64x64, 2 classes):
 * 1 warm-up iteration, then the median and range of 5. Writes target/benchmark-pytorch.md.
 */
@Tag("benchmark")
class PyTorchEngineBenchmark {

    private static final int BATCH = 32;

    private static final int SIZE = 64;

    private static final int WARMUP = 1;

    private static final int ITERATIONS = 5;

    private final List<String> rows = new ArrayList<>();

    @Test
    void resnetSmallBatch32() throws IOException {
        PyTorchEngine engine = new PyTorchEngine();
        engine.activate();
        NetworkSpec single = resnetSmall(Normalization.SINGLE);
        NetworkSpec dual = resnetSmall(Normalization.DUAL);
        assertThat(single.trainableParameterCount()).isEqualTo(1_226_338);
        assertThat(dual.trainableParameterCount()).isEqualTo(1_229_218);
        INDArray x = uniform(new java.util.Random(7), BATCH, 1, SIZE, SIZE);
        INDArray labels = oneHot(BATCH);

        try (Model model = engine.create(single, 1);
                Model dualModel = engine.create(dual, 1)) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            Trainer dualTrainer = dualModel.trainer(OptimizerSpec.adam(1e-3));
            time("inference (logits)", () -> model.logits(x, Branch.CLEAN));
            time(
                    "clean training step",
                    () -> trainer.step(TrainingBatch.of(LossTerm.supervised(x, labels, Branch.CLEAN, 1))));
            time("input gradient", () -> model.inputGradient(x, Objective.Loss.of(labels), Branch.CLEAN));
            time("dual-BN step (32 clean + 32 adversarial)", () -> dualStep(dualTrainer, x, x, labels));
            time(
                    "PGD-3 L-inf + dual-BN step",
                    () -> dualStep(dualTrainer, x, pgdLinf(dualModel, x, labels, 3), labels));
            time("PGD-7 L2 + dual-BN step", () -> dualStep(dualTrainer, x, pgdL2(dualModel, x, labels, 7), labels));
        }
        String report =
                String.join("\n", rows) + String.format(Locale.ROOT, "%npeak RSS %.2f GB (VmHWM)%n", peakRssGb());
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-pytorch.md"), report);
    }

    private void time(String name, Runnable action) {
        double[] seconds = new double[ITERATIONS];
        for (int i = 0; i < WARMUP + ITERATIONS; i++) {
            long start = System.nanoTime();
            action.run();
            if (i >= WARMUP) {
                seconds[i - WARMUP] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        rows.add(String.format(
                Locale.ROOT,
                "| %s | %.3f [%.3f-%.3f] |",
                name,
                seconds[ITERATIONS / 2],
                seconds[0],
                seconds[ITERATIONS - 1]));
    }

    private static void dualStep(Trainer trainer, INDArray clean, INDArray adversarial, INDArray labels) {
        trainer.step(TrainingBatch.of(
                LossTerm.supervised(clean, labels, Branch.CLEAN, 1),
                LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 1)));
    }

    /** PGD in the L-infinity ball: eps 8/255, step 2/255, uniform random start, images kept in [0, 1]. */
    private static INDArray pgdLinf(Model model, INDArray x, INDArray labels, int steps) {
        double eps = 8.0 / 255;
        INDArray lower = x.sub(eps);
        INDArray upper = x.add(eps);
        INDArray noise =
                uniform(new java.util.Random(11), x.shape()).muli(2 * eps).subi(eps);
        INDArray adversarial = clip(x.add(noise), 0, 1);
        for (int i = 0; i < steps; i++) {
            INDArray gradient = model.inputGradient(adversarial, Objective.Loss.of(labels), Branch.ADVERSARIAL)
                    .gradient();
            adversarial.addi(Transforms.sign(gradient).muli(2.0 / 255));
            adversarial = clip(Transforms.min(Transforms.max(adversarial, lower), upper), 0, 1);
        }
        return adversarial;
    }

    /** PGD in the L2 ball: eps 0.5, step 0.1, images kept in [0, 1]. */
    private static INDArray pgdL2(Model model, INDArray x, INDArray labels, int steps) {
        double eps = 0.5;
        long images = x.size(0);
        INDArray flatClean = x.reshape(images, -1);
        INDArray flat = flatClean.dup();
        for (int i = 0; i < steps; i++) {
            INDArray gradient = model.inputGradient(
                            flat.reshape(x.shape()), Objective.Loss.of(labels), Branch.ADVERSARIAL)
                    .gradient()
                    .reshape(images, -1);
            flat.addi(gradient.diviColumnVector(norms(gradient)).muli(0.1));
            INDArray delta = flat.sub(flatClean);
            INDArray scale = Transforms.min(norms(delta).rdivi(eps), 1.0);
            flat = clip(flatClean.add(delta.muliColumnVector(scale)), 0, 1);
        }
        return flat.reshape(x.shape());
    }

    private static INDArray uniform(java.util.Random random, long... shape) {
        float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static INDArray norms(INDArray images) {
        return Transforms.max(images.reshape(images.size(0), -1).norm2(1), 1e-12)
                .reshape(images.size(0), 1);
    }

    private static INDArray clip(INDArray images, double low, double high) {
        return Transforms.min(Transforms.max(images, low), high);
    }

    private static INDArray oneHot(int batch) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 2);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, i % 3 == 0 ? 1 : 0, 1);
        }
        return labels;
    }

    private static double peakRssGb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024 / 1e9;
            }
        }
        return Double.NaN;
    }

    /**
     * The CPU baseline's ResNet: a 3x3 stem with 32 channels, four basic blocks of 32, 64, 128 and 256 channels
     * with strides 1, 2, 2, 2 and 1x1 projection shortcuts, global average pooling and a dense layer.
     */
    static NetworkSpec resnetSmall(Normalization normalization) {
        List<Layer> layers = new ArrayList<>();
        conv(layers, "stem", NetworkSpec.INPUT, 1, 32, 3, 1);
        int[] widths = {32, 64, 128, 256};
        int[] strides = {1, 2, 2, 2};
        String previous = "stem_relu";
        int channels = 32;
        for (int stage = 0; stage < 4; stage++) {
            String name = "s" + (stage + 1);
            conv(layers, name + "_a", previous, channels, widths[stage], 3, strides[stage]);
            layers.add(new Layer.Conv2d(name + "_b", name + "_a_relu", widths[stage], widths[stage], 3, 1, 1, false));
            layers.add(new Layer.BatchNorm(name + "_b_bn", name + "_b", widths[stage], 1e-5, 0.1));
            String shortcut = previous;
            if (strides[stage] != 1 || channels != widths[stage]) {
                layers.add(new Layer.Conv2d(
                        name + "_proj", previous, channels, widths[stage], 1, strides[stage], 0, false));
                layers.add(new Layer.BatchNorm(name + "_proj_bn", name + "_proj", widths[stage], 1e-5, 0.1));
                shortcut = name + "_proj_bn";
            }
            layers.add(new Layer.Add(name + "_add", List.of(name + "_b_bn", shortcut)));
            layers.add(new Layer.Relu(name + "_relu", name + "_add"));
            previous = name + "_relu";
            channels = widths[stage];
        }
        layers.add(new Layer.GlobalAveragePool("pool", previous));
        layers.add(new Layer.Dense("fc", "pool", 256, 2, true));
        return new NetworkSpec("resnet-small-copy", 1, 2, Head.SOFTMAX, normalization, layers, "fc", previous);
    }

    private static void conv(List<Layer> layers, String name, String input, int in, int out, int kernel, int stride) {
        layers.add(new Layer.Conv2d(name, input, in, out, kernel, stride, kernel / 2, false));
        layers.add(new Layer.BatchNorm(name + "_bn", name, out, 1e-5, 0.1));
        layers.add(new Layer.Relu(name + "_relu", name + "_bn"));
    }
}
