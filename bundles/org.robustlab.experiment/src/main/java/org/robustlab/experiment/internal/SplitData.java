package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.training.Batch;

/** Samples of one split of a dataset, gathered into batches of images, labels, label masks and region masks. */
final class SplitData {

    private final Dataset dataset;

    private final List<Integer> indices;

    SplitData(Dataset dataset, List<Integer> indices) {
        this.dataset = dataset;
        this.indices = List.copyOf(indices);
    }

    Dataset dataset() {
        return dataset;
    }

    List<Integer> indices() {
        return indices;
    }

    int size() {
        return indices.size();
    }

    /** Returns a copy restricted to the given positions of this split. */
    SplitData subset(List<Integer> positions) {
        List<Integer> chosen = new ArrayList<>();
        positions.forEach(position -> chosen.add(indices.get(position)));
        return new SplitData(dataset, chosen);
    }

    /** Returns the images of the given positions, [n, C, H, W] in float32. */
    INDArray images(List<Integer> positions) {
        INDArray[] images = new INDArray[positions.size()];
        for (int i = 0; i < images.length; i++) {
            images[i] = dataset.image(indices.get(positions.get(i))).castTo(DataType.FLOAT);
        }
        return Nd4j.stack(0, images);
    }

    /** Returns every image of the split, [N, C, H, W]. */
    INDArray images() {
        return images(range(0, size()));
    }

    /** Returns a training batch: images, labels with unknown (NaN) labels set to 0, and the mask of known labels. */
    Batch batch(List<Integer> positions) {
        INDArray images = images(positions);
        int outputs = dataset.manifest().labels().size();
        float[][] labels = new float[positions.size()][outputs];
        float[][] known = new float[positions.size()][outputs];
        boolean anyUnknown = false;
        for (int i = 0; i < labels.length; i++) {
            float[] row = dataset.sample(indices.get(positions.get(i))).labels();
            for (int j = 0; j < outputs; j++) {
                boolean isKnown = !Float.isNaN(row[j]);
                labels[i][j] = isKnown ? row[j] : 0;
                known[i][j] = isKnown ? 1 : 0;
                anyUnknown |= !isKnown;
            }
        }
        INDArray mask = anyUnknown ? Nd4j.createFromArray(known) : null;
        return new Batch(images, Nd4j.createFromArray(labels), mask);
    }

    /** Returns the labels of the whole split, [N, outputs], unknown labels as NaN. */
    INDArray labels() {
        int outputs = dataset.manifest().labels().size();
        float[][] labels = new float[size()][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dataset.sample(indices.get(i)).labels();
        }
        return labels.length == 0 ? Nd4j.zeros(DataType.FLOAT, 0, outputs) : Nd4j.createFromArray(labels);
    }

    /** Returns the region masks of the whole split, [N, H, W], zeros for samples without a mask, if any has one. */
    Optional<INDArray> masks() {
        boolean any = indices.stream().anyMatch(index -> dataset.sample(index).hasMask());
        if (!any) {
            return Optional.empty();
        }
        int height = dataset.manifest().height();
        int width = dataset.manifest().width();
        INDArray[] masks = new INDArray[size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = dataset.mask(indices.get(i))
                    .map(mask -> mask.castTo(DataType.FLOAT).reshape(height, width))
                    .orElseGet(() -> Nd4j.zeros(DataType.FLOAT, height, width));
        }
        return Optional.of(Nd4j.stack(0, masks));
    }

    /** Returns the metadata of the sample at a position. */
    SampleInfo sample(int position) {
        return dataset.sample(indices.get(position));
    }

    static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }
}
