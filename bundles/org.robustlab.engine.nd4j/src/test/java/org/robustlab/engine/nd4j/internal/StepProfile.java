package org.robustlab.engine.nd4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.ParameterInitializer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.engine.nd4j.Nd4jEngine;

/**
 * Profiles the clean training step and the input-gradient pass of the 1.23 M-parameter resnet-small (batch 32,
 * 1x64x64): wall and process CPU time of each phase, of an Adam update and of a garbage collection, written to
 * target/profile/phases.txt. Run with {@code -Dgroups=benchmark -Dtest=StepProfile}.
 */
@Tag("benchmark")
class StepProfile {

    private static final int REPETITIONS = Integer.getInteger("robustlab.profile.repetitions", 5);

    @Test
    void profileTrainingStepAndInputGradient() throws IOException {
        NetworkSpec spec = resnetSmall();
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 1, 64, 64);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 2);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        List<String> lines = new ArrayList<>();
        Path folder = Path.of("target", "profile");
        Files.createDirectories(folder);
        try (SameDiffModel model = new Nd4jEngine().create(spec, ParameterInitializer.initialize(spec, 1))) {
            SameDiffTrainer trainer = (SameDiffTrainer) model.trainer(OptimizerSpec.adam(1e-3));
            TrainingBatch batch = TrainingBatch.of(LossTerm.supervised(x, labels, Branch.CLEAN, 1));
            Runnable step = () -> trainer.step(batch);
            Runnable evaluate = () -> trainer.evaluate(batch);
            Runnable gradient = () -> model.inputGradient(x, Objective.Loss.of(labels), Branch.CLEAN);
            Runnable logits = () -> model.logits(x, Branch.CLEAN);
            lines.add(time("training step", step));
            lines.add(time("forward + backward of the step (no update)", evaluate));
            lines.add(time("input gradient", gradient));
            lines.add(time("inference", logits));
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            for (String name : model.store().trainableNames()) {
                parameters.put(name, model.store().get(name).dup());
                gradients.put(
                        name,
                        Nd4j.randn(DataType.FLOAT, model.store().get(name).shape())
                                .muli(1e-3));
            }
            AdamOptimizer adam = new AdamOptimizer(OptimizerSpec.adam(1e-3));
            lines.add(time("Adam update of every parameter", () -> adam.step(parameters, gradients, 1e-3)));
            lines.add(time("System.gc()", System::gc));
            lines.add("ops of 2 training steps: " + opTimes(step));
            lines.add("ops of 2 input-gradient passes: " + opTimes(gradient));
            lines.add(String.format(
                    Locale.ROOT,
                    "off-heap %.2f GiB of max %.2f GiB, physical %.2f GiB of max %.2f GiB; garbage collections %s",
                    Pointer.totalBytes() / GIB,
                    Pointer.maxBytes() / GIB,
                    Pointer.physicalBytes() / GIB,
                    Pointer.maxPhysicalBytes() / GIB,
                    collections()));
        }
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(folder.resolve("phases.txt"), report + "\n");
        assertThat(lines).hasSize(9);
    }

    private static final double GIB = 1L << 30;

    /** Runs the action twice with ND4J's op profiler on and returns the share of op time per op name. */
    private static String opTimes(Runnable action) {
        OpProfiler.getInstance().reset();
        Nd4j.getExecutioner()
                .setProfilingConfig(
                        ProfilerConfig.builder().checkElapsedTime(true).build());
        try {
            action.run();
            action.run();
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
        return "\n" + OpProfiler.getInstance().getClassAggergator().asPercentageString();
    }

    private static String collections() {
        StringBuilder text = new StringBuilder();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            text.append(bean.getName())
                    .append(' ')
                    .append(bean.getCollectionCount())
                    .append(" in ")
                    .append(bean.getCollectionTime())
                    .append(" ms; ");
        }
        return text.toString();
    }

    private static String time(String name, Runnable action) {
        action.run();
        double[] wall = new double[REPETITIONS];
        double[] cpu = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            action.run();
            wall[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = (processCpuNanos() - cpuStart) / 1e9;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        return String.format(
                Locale.ROOT,
                "%s: wall %.3f s, process CPU %.3f s (medians of %d)",
                name,
                wall[REPETITIONS / 2],
                cpu[REPETITIONS / 2],
                REPETITIONS);
    }

    /** Returns user + system CPU time of the process from /proc/self/stat, in nanoseconds (10 ms resolution). */
    private static long processCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The CPU baseline's resnet-small, 1 input channel, 2 classes, single batch norm. */
    static NetworkSpec resnetSmall() {
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
        return new NetworkSpec(
                "resnet-small-profile", 1, 2, Head.SOFTMAX, Normalization.SINGLE, layers, "fc", previous);
    }

    private static void conv(List<Layer> layers, String name, String input, int in, int out, int kernel, int stride) {
        layers.add(new Layer.Conv2d(name, input, in, out, kernel, stride, kernel / 2, false));
        layers.add(new Layer.BatchNorm(name + "_bn", name, out, 1e-5, 0.1));
        layers.add(new Layer.Relu(name + "_relu", name + "_bn"));
    }
}
