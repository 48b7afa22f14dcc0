package org.robustlab.data.lesion.internal;

import java.util.List;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.SampleInfo;

/** The benchmark held in memory: one grey image per sample, repeated over the channels, and the lesion masks. */
public final class LesionBenchmarkDataset implements Dataset {

    private final DatasetManifest manifest;

    private final List<SampleInfo> samples;

    private final float[][] images;

    private final float[][] masks;

    /**
     * @param images per sample {@code height * width} values in [0, 1]
     * @param masks per sample the lesion mask, or {@code null} for a sample without lesion
     */
    public LesionBenchmarkDataset(
            DatasetManifest manifest, List<SampleInfo> samples, float[][] images, float[][] masks) {
        if (samples.size() != images.length || images.length != masks.length) {
            throw new IllegalArgumentException("Need one image and one mask entry per sample, got " + samples.size()
                    + " samples, " + images.length + " images and " + masks.length + " masks");
        }
        this.manifest = manifest;
        this.samples = List.copyOf(samples);
        this.images = images;
        this.masks = masks;
    }

    @Override
    public DatasetManifest manifest() {
        return manifest;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public SampleInfo sample(int index) {
        return samples.get(index);
    }

    @Override
    public INDArray image(int index) {
        int height = manifest.height();
        int width = manifest.width();
        int channels = manifest.channels();
        float[] values = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(images[index], 0, values, c * height * width, height * width);
        }
        return Nd4j.create(values, new long[] {channels, height, width}, 'c');
    }

    @Override
    public Optional<INDArray> mask(int index) {
        if (masks[index] == null) {
            return Optional.empty();
        }
        return Optional.of(Nd4j.create(masks[index].clone(), new long[] {manifest.height(), manifest.width()}, 'c'));
    }
}
