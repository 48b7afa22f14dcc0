package org.robustlab.core.data;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A preprocessed, split dataset whose tensors can be read by index. Images are float32 [C, H, W] in the range
 * and convention that the manifest records.
 */
public interface Dataset {

    /** Returns the manifest: labels, sizes, intensity convention, seed and content hash. */
    DatasetManifest manifest();

    /** Returns the number of samples. */
    int size();

    /** Returns the metadata of one sample. */
    SampleInfo sample(int index);

    /** Returns the preprocessed image of one sample, [C, H, W]. */
    INDArray image(int index);

    /** Returns the ground-truth mask of one sample, [H, W] with 1 inside the region, if it has one. */
    Optional<INDArray> mask(int index);

    /** Returns the indices of the samples in a split, in ascending order. */
    default List<Integer> indices(Split split) {
        return IntStream.range(0, size())
                .filter(i -> sample(i).split() == split)
                .boxed()
                .toList();
    }
}
