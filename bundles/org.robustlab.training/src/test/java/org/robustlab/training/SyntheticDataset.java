package org.robustlab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;

/**
 * A two-class dataset of 1x8x8 images for loop tests: class 0 has a bright 3x3 square in the top-left corner,
 * class 1 in the bottom-right corner, both on seeded uniform noise in [0, 0.3].
 */
final class SyntheticDataset implements Dataset {

    private final List<INDArray> images = new ArrayList<>();

    private final List<SampleInfo> samples = new ArrayList<>();

    private final DatasetManifest manifest;

    SyntheticDataset(int train, int validation, long seed) {
        Random random = new Random(seed);
        for (int index = 0; index < train + validation; index++) {
            int label = index % 2;
            INDArray image = Nd4j.zeros(DataType.FLOAT, 1, 8, 8);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean inSquare = label == 0 ? x < 3 && y < 3 : x > 4 && y > 4;
                    image.putScalar(new long[] {0, y, x}, inSquare ? 0.9f : 0.3f * random.nextFloat());
                }
            }
            images.add(image);
            float[] labels = label == 0 ? new float[] {1, 0} : new float[] {0, 1};
            Split split = index < train ? Split.TRAIN : Split.VALIDATION;
            samples.add(new SampleInfo(index, "sample" + index, "group" + index, split, labels, List.of(), false));
        }
        manifest = new DatasetManifest(
                "corners",
                "synthetic",
                TaskType.MULTICLASS,
                List.of("top-left", "bottom-right"),
                1,
                8,
                8,
                "uniform noise in [0, 0.3], squares at 0.9",
                "none",
                seed,
                Map.of(Split.TRAIN, train, Split.VALIDATION, validation),
                Map.of("train", train, "validation", validation),
                "synthetic-" + seed + "-" + train + "-" + validation);
    }

    @Override
    public DatasetManifest manifest() {
        return manifest;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public SampleInfo sample(int index) {
        return samples.get(index);
    }

    @Override
    public INDArray image(int index) {
        return images.get(index).dup();
    }

    @Override
    public Optional<INDArray> mask(int index) {
        return Optional.empty();
    }
}
