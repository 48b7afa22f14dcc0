package org.robustlab.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import org.bytedeco.javacpp.Pointer;
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
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.engine.nd4j.Nd4jEngine;

/**
 * Speed and memory of the ND4J engine on resnet-small (1x64x64 inputs, 2 classes, dual batch norm, batch 32).
 * Excluded from the default build; run with {@code -Dgroups=benchmark}. System properties:
 * {@code robustlab.benchmark.steps} (memory run, default 1000), {@code robustlab.benchmark.pgdSteps} (PGD
 * iterations per training step, default 3), {@code robustlab.benchmark.repetitions} (timed repetitions per
 * measurement, default 5). Results go to the log and to {@code target/benchmarks/}.
 */
@Tag("benchmark")
class Nd4jResNetBenchmarkTest {

    private static final int BATCH = 32;

    private static final double EPSILON = 8.0 / 255;

    private static final double STEP_SIZE = 2.0 / 255;

    private final NetworkSpec spec = new ResNetSmallArchitecture()
            .build(new NetworkShape(1, 64, 64, 2, Head.SOFTMAX, Normalization.DUAL), ResNetSmallParameters.defaults());

    private final INDArray images = uniform(new Random(1), BATCH, 1, 64, 64);

    private final INDArray labels = oneHot(BATCH);

    private final Random random = new Random(2);

    @Test
    void pgdStepCostsPgdPassesPlusDualStep() throws IOException {
        int repetitions = Integer.getInteger("robustlab.benchmark.repetitions", 5);
        int k = Integer.getInteger("robustlab.benchmark.pgdSteps", 3);
        try (Model model = new Nd4jEngine().create(spec, 7)) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            INDArray adversarial = Transforms.min(Transforms.max(images.add(0.03), 0.0), 1.0);
            double inference = median(repetitions, () -> model.logits(images, Branch.CLEAN));
            double gradient = median(
                    repetitions, () -> model.inputGradient(images, Objective.Loss.of(labels), Branch.ADVERSARIAL));
            double clean = median(
                    repetitions,
                    () -> trainer.step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.CLEAN, 1))));
            double dual = median(repetitions, () -> trainer.step(dualBatch(adversarial)));
            double pgdDual = median(repetitions, () -> trainer.step(dualBatch(pgd(model, k))));

            double predicted = k * gradient + dual;
            String report = String.format(
                    Locale.ROOT,
                    "resnet-small 1x64x64 batch %d, median of %d (s): inference %.3f, input gradient %.3f, clean step"
                            + " %.3f, dual-BN step %.3f, PGD-%d + dual-BN step %.3f; k gradients + dual step %.3f,"
                            + " ratio %.3f",
                    BATCH,
                    repetitions,
                    inference,
                    gradient,
                    clean,
                    dual,
                    k,
                    pgdDual,
                    predicted,
                    pgdDual / predicted);
            write("step-costs.txt", report);
            assertThat(pgdDual / predicted).isLessThan(1.1);
        }
    }

    @Test
    void memoryStaysFlatOverDualPgdTraining() throws IOException {
        int steps = Integer.getInteger("robustlab.benchmark.steps", 1000);
        int k = Integer.getInteger("robustlab.benchmark.pgdSteps", 3);
        int early = steps / 5;
        List<String> lines = new ArrayList<>();
        long residentEarly = 0;
        long residentPeak = 0;
        long resident = 0;
        try (Model model = new Nd4jEngine().create(spec, 8)) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            long start = System.nanoTime();
            for (int step = 1; step <= steps; step++) {
                trainer.step(dualBatch(pgd(model, k)));
                resident = residentBytes();
                residentPeak = Math.max(residentPeak, resident);
                if (step == early) {
                    residentEarly = resident;
                }
                if (step % 50 == 0 || step == early) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "step %d: resident %.3f GiB, off-heap %.3f GiB, %.2f s/step",
                            step,
                            resident / GIB,
                            Pointer.totalBytes() / GIB,
                            (System.nanoTime() - start) / 1e9 / step));
                }
            }
        }
        double growth = (double) resident / residentEarly - 1;
        lines.add(String.format(
                Locale.ROOT,
                "growth from step %d to %d: %.2f %%, peak resident %.3f GiB",
                early,
                steps,
                growth * 100,
                residentPeak / GIB));
        write("memory-" + steps + "-steps.txt", String.join("\n", lines));
        assertThat(growth).isLessThan(0.05);
        assertThat(residentPeak).isLessThan(4L << 30);
    }

    private static final double GIB = 1 << 30;

    private TrainingBatch dualBatch(INDArray adversarial) {
        return new TrainingBatch(
                List.of(
                        LossTerm.supervised(images, labels, Branch.CLEAN, 1),
                        LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 1)),
                null);
    }

    /** L-infinity PGD with a random start, through the adversarial branch in inference mode. */
    private INDArray pgd(Model model, int iterations) {
        INDArray adversarial =
                images.add(uniform(random, BATCH, 1, 64, 64).subi(0.5).muli(2 * EPSILON));
        clip(adversarial);
        for (int i = 0; i < iterations; i++) {
            INDArray gradient = model.inputGradient(adversarial, Objective.Loss.of(labels), Branch.ADVERSARIAL)
                    .gradient();
            adversarial.addi(Transforms.sign(gradient).muli(STEP_SIZE));
            INDArray delta = Transforms.min(Transforms.max(adversarial.sub(images), -EPSILON), EPSILON);
            adversarial.assign(images.add(delta));
            clip(adversarial);
        }
        return adversarial;
    }

    private static void clip(INDArray array) {
        array.assign(Transforms.min(Transforms.max(array, 0.0), 1.0));
    }

    private static double median(int repetitions, Supplier<?> action) {
        action.get();
        double[] times = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            action.get();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }

    private static INDArray uniform(Random random, int... shape) {
        INDArray array =
                Nd4j.zeros(DataType.FLOAT, Arrays.stream(shape).asLongStream().toArray());
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

    private static long residentBytes() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        return Long.parseLong(fields[1]) * 4096;
    }

    private static void write(String name, String report) throws IOException {
        System.out.println(report);
        Path folder = Path.of("target", "benchmarks");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name), report + "\n", StandardCharsets.UTF_8);
    }
}
