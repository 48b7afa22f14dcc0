package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.Split;
import org.robustlab.data.lesion.LesionBenchmarkParameters;
import org.robustlab.data.lesion.ScanSource;

/**
 * Builds the benchmark's samples: reads the volumes, prepares every slice with enough body, assigns whole
 * volumes to splits, and draws each slice's variants with or without a lesion. Every random draw comes from a
 * generator seeded by the run seed and the sample's group, slice and variant, so the benchmark is reproducible
 * and one sample's draws do not depend on the others.
 */
public final class BenchmarkBuilder {

    private final LesionBenchmarkParameters parameters;

    private final VolumeSource volumes;

    private final int size;

    private final long seed;

    public BenchmarkBuilder(LesionBenchmarkParameters parameters, VolumeSource volumes, int size, long seed) {
        this.parameters = parameters;
        this.volumes = volumes;
        this.size = size;
        this.seed = seed;
    }

    /** A prepared slice before lesions are drawn. */
    private record Slice(String group, String source, int index, float[] image) {}

    /** Builds the samples, split by volume. */
    public List<BenchmarkSample> build(double validationFraction, double testFraction, IProgressMonitor monitor)
            throws IOException {
        Map<String, List<Slice>> groups = new LinkedHashMap<>();
        Map<String, ScanSource> sourceOfGroup = new LinkedHashMap<>();
        for (ScanSource source : parameters.sources()) {
            for (Volume volume : volumes.volumes(source)) {
                if (monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                double[] window = SlicePreparation.window(volume);
                for (int z = 0; z < volume.depth(); z++) {
                    float[] image = SlicePreparation.prepare(volume, z, window, size);
                    if (SlicePreparation.bodyFraction(image) >= parameters.minBodyFraction()) {
                        groups.computeIfAbsent(volume.group(), g -> new ArrayList<>())
                                .add(new Slice(volume.group(), volume.name(), z, image));
                        sourceOfGroup.put(volume.group(), source);
                    }
                }
            }
        }
        if (groups.isEmpty()) {
            throw new DatasetException(
                    java.nio.file.Path.of(parameters.sources().get(0).packageFolder()),
                    "no slice has a body fraction of at least " + parameters.minBodyFraction()
                            + "; lower minBodyFraction");
        }
        Map<String, Split> splits = assignSplits(groups, sourceOfGroup, validationFraction, testFraction);
        List<BenchmarkSample> samples = new ArrayList<>();
        LesionSynthesizer synthesizer = new LesionSynthesizer(parameters);
        groups.forEach((group, slices) -> {
            for (Slice slice : slices) {
                for (int variant = 0; variant < parameters.variants(); variant++) {
                    samples.add(sample(slice, variant, splits.get(group), synthesizer));
                }
            }
        });
        return samples;
    }

    private BenchmarkSample sample(Slice slice, int variant, Split split, LesionSynthesizer synthesizer) {
        Random random = new Random(mix(seed, slice.group().hashCode(), slice.index(), variant));
        float[] image = slice.image().clone();
        if (random.nextDouble() < parameters.lesionFraction()) {
            float[] mask = new float[image.length];
            Optional<Lesion> lesion = synthesizer.insert(image, mask, size, random);
            if (lesion.isPresent()) {
                return new BenchmarkSample(
                        slice.group(), slice.source(), slice.index(), variant, split, image, mask, lesion.get());
            }
        }
        return new BenchmarkSample(slice.group(), slice.source(), slice.index(), variant, split, image, null, null);
    }

    /**
     * Assigns each group to a split: the sources named in the parameters, else whole groups in a seeded order,
     * each to the test split, else the validation split, when that brings the split's slice count closer to its
     * fraction of all slices, and otherwise to training. Because whole volumes move, the fractions are approximate.
     */
    Map<String, Split> assignSplits(
            Map<String, List<Slice>> groups,
            Map<String, ScanSource> sourceOfGroup,
            double validationFraction,
            double testFraction) {
        Map<String, Split> splits = new LinkedHashMap<>();
        if (!parameters.testSources().isEmpty()) {
            groups.keySet().forEach(group -> {
                ScanSource source = sourceOfGroup.get(group);
                splits.put(
                        group,
                        parameters.testSources().contains(source)
                                ? Split.TEST
                                : parameters.validationSources().contains(source) ? Split.VALIDATION : Split.TRAIN);
            });
            return splits;
        }
        int total = groups.values().stream().mapToInt(List::size).sum();
        List<String> order = new ArrayList<>(groups.keySet());
        Collections.sort(order);
        Collections.shuffle(order, new Random(seed));
        int test = 0;
        int validation = 0;
        for (String group : order) {
            int count = groups.get(group).size();
            boolean leavesTraining = test + validation + count < total;
            if (leavesTraining && closer(test, count, testFraction * total)) {
                splits.put(group, Split.TEST);
                test += count;
            } else if (leavesTraining && closer(validation, count, validationFraction * total)) {
                splits.put(group, Split.VALIDATION);
                validation += count;
            } else {
                splits.put(group, Split.TRAIN);
            }
        }
        return splits;
    }

    private static boolean closer(int current, int count, double target) {
        return Math.abs(current + count - target) < Math.abs(current - target);
    }

    /** Derives an independent seed from the run seed and a sample's coordinates (SplitMix64 finaliser). */
    static long mix(long seed, int group, int slice, int variant) {
        long z = seed + 0x9E3779B97F4A7C15L * (((long) group * 1_000_003L + slice) * 1_009L + variant + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
