package org.robustlab.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.engine.nd4j.Nd4jEngine;

/**
 * Off-heap memory over a long loop of the work an RCP application repeats on worker threads: per iteration PGD
 * with 10 steps, one dual-BN training step and Grad-CAM on 4 images, all outputs discarded, on a fixed batch of
 * 16 x 1 x 64 x 64 with resnet-small. JavaCPP's physical and total byte counters may grow by at most 10% between
 * iteration 50 and the last. The second variant replaces the worker thread every 50 iterations, as Eclipse's
 * job manager does with its worker threads.
 *
 * <p>Excluded from the default build; run with {@code -Dresnet.excludedGroups=slow -Dgroups=benchmark
 * -Dtest=Nd4jSoakTest}. {@code robustlab.soak.iterations} sets the number of iterations (default 300).
 */
@Tag("benchmark")
class Nd4jSoakTest {

    private static final int CHECKPOINT = 50;

    private final int iterations = Integer.getInteger("robustlab.soak.iterations", 300);

    private final NetworkSpec spec = new ResNetSmallArchitecture()
            .build(new NetworkShape(1, 64, 64, 2, Head.SOFTMAX, Normalization.DUAL), ResNetSmallParameters.defaults());

    private final INDArray images = uniform(16);

    private final INDArray labels = oneHot(16);

    @Test
    void offHeapMemoryStaysFlatOnOneThread() throws IOException {
        try (Model model = new Nd4jEngine().create(spec, 3)) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            Map<Integer, long[]> samples = new HashMap<>();
            for (int iteration = 1; iteration <= iterations; iteration++) {
                iterate(model, trainer, iteration);
                sample(samples, iteration);
            }
            assertFlat(samples, "one thread");
        }
    }

    @Test
    void offHeapMemoryStaysFlatWhenWorkerThreadsChange() throws Exception {
        try (Model model = new Nd4jEngine().create(spec, 4)) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            Map<Integer, long[]> samples = new HashMap<>();
            for (int first = 1; first <= iterations; first += CHECKPOINT) {
                int start = first;
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread worker = new Thread(
                        () -> {
                            try {
                                for (int iteration = start;
                                        iteration < start + CHECKPOINT && iteration <= iterations;
                                        iteration++) {
                                    iterate(model, trainer, iteration);
                                    sample(samples, iteration);
                                }
                            } catch (RuntimeException | Error e) {
                                failure.set(e);
                            }
                        },
                        "soak worker " + first);
                worker.start();
                worker.join();
                assertThat(failure.get()).as("worker failure").isNull();
            }
            assertFlat(samples, "changing threads");
        }
    }

    private void iterate(Model model, Trainer trainer, int iteration) {
        INDArray adversarial = pgd(model, new Random(iteration));
        trainer.step(new TrainingBatch(
                List.of(
                        LossTerm.supervised(images, labels, Branch.CLEAN, 1),
                        LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 1)),
                null));
        INDArray four = images.get(NDArrayIndex.interval(0, 4)).dup();
        INDArray classes = labels.get(NDArrayIndex.interval(0, 4)).dup();
        LayerGradient layer =
                model.layerGradient(four, spec.camLayer(), new Objective.LogitWeights(classes), Branch.CLEAN);
        long[] shape = layer.activation().shape();
        INDArray weights =
                layer.gradient().mean(2, 3).reshape(shape[0], shape[1], 1, 1).broadcast(shape);
        Transforms.relu(layer.activation().mul(weights).sum(1), false);
    }

    private INDArray pgd(Model model, Random random) {
        double epsilon = 0.005;
        INDArray adversarial = images.dup();
        for (long i = 0; i < adversarial.length(); i++) {
            adversarial.putScalar(i, adversarial.getDouble(i) + (random.nextDouble() * 2 - 1) * epsilon);
        }
        for (int step = 0; step < 10; step++) {
            adversarial.assign(Transforms.min(Transforms.max(adversarial, 0.0), 1.0));
            INDArray gradient = model.inputGradient(adversarial, Objective.Loss.of(labels), Branch.ADVERSARIAL)
                    .gradient();
            adversarial.addi(Transforms.sign(gradient).muli(0.0025));
            adversarial.assign(images.add(Transforms.min(Transforms.max(adversarial.sub(images), -epsilon), epsilon)));
        }
        return adversarial;
    }

    private void sample(Map<Integer, long[]> samples, int iteration) {
        if (iteration % CHECKPOINT == 0 || iteration == iterations) {
            samples.put(iteration, new long[] {Pointer.physicalBytes(), Pointer.totalBytes()});
        }
    }

    private void assertFlat(Map<Integer, long[]> samples, String variant) throws IOException {
        long[] early = samples.get(CHECKPOINT);
        long[] last = samples.get(iterations);
        List<String> lines = new ArrayList<>();
        samples.keySet().stream()
                .sorted()
                .forEach(iteration -> lines.add(String.format(
                        Locale.ROOT,
                        "%s, iteration %d: physical %.3f GiB, off-heap %.3f GiB",
                        variant,
                        iteration,
                        samples.get(iteration)[0] / (double) (1L << 30),
                        samples.get(iteration)[1] / (double) (1L << 30))));
        String report = String.join("\n", lines);
        System.out.println(report);
        Path folder = Path.of("target", "benchmarks");
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("soak-" + variant.replace(' ', '-') + ".txt"), report + "\n", StandardCharsets.UTF_8);
        assertThat((double) last[0] / early[0]).as("physical bytes growth").isLessThan(1.10);
        assertThat((double) last[1] / early[1]).as("off-heap bytes growth").isLessThan(1.10);
    }

    private static INDArray uniform(int batch) {
        Random random = new Random(5);
        INDArray array = Nd4j.zeros(DataType.FLOAT, batch, 1, 64, 64);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextFloat());
        }
        return array;
    }

    private static INDArray oneHot(int batch) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 2);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        return labels;
    }
}
