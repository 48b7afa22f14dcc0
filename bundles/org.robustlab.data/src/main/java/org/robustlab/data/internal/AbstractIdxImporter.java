package org.robustlab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.SampleSource;
import org.robustlab.data.SourceImage;

/**
 * Imports the MNIST layout: a folder with {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally gzipped. The t10k files are
 * the test split; validation is carved from the training files. Pixels are divided by 255.
 */
abstract class AbstractIdxImporter implements DatasetImporter<IdxParameters> {

    @Override
    public Class<IdxParameters> parameterType() {
        return IdxParameters.class;
    }

    /** Returns the importer id recorded in manifests. */
    abstract String id();

    @Override
    public ImportResult importDataset(ImportRequest request, IdxParameters parameters) throws IOException {
        Path folder = request.source();
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder, "not a folder; give the folder that contains the IDX files");
        }
        List<Path> files = new ArrayList<>();
        List<SampleSource> samples = new ArrayList<>();
        int classes = 0;
        for (String prefix : List.of("train", "t10k")) {
            Path imageFile = find(folder, prefix + "-images-idx3-ubyte");
            Path labelFile = find(folder, prefix + "-labels-idx1-ubyte");
            files.add(imageFile);
            files.add(labelFile);
            IdxFile images = IdxFile.read(imageFile, 3, parameters.limit());
            IdxFile labels = IdxFile.read(labelFile, 1, parameters.limit());
            if (images.dimensions()[0] != labels.dimensions()[0]) {
                throw new DatasetException(
                        labelFile,
                        labels.dimensions()[0] + " labels for " + images.dimensions()[0] + " images in "
                                + imageFile.getFileName());
            }
            for (byte label : labels.values()) {
                classes = Math.max(classes, Byte.toUnsignedInt(label) + 1);
            }
            addSamples(samples, prefix, images, labels);
        }
        List<String> names = classNames(parameters, classes);
        samples.replaceAll(sample -> Labels.oneHot(sample, names.size()));
        DatasetBuilder builder = new DatasetBuilder(
                id(),
                folder.getFileName().toString(),
                TaskType.MULTICLASS,
                names,
                "unsigned 8-bit pixels divided by 255 to [0, 1]",
                parameters);
        return builder.build(request, files, samples);
    }

    private static void addSamples(List<SampleSource> samples, String prefix, IdxFile images, IdxFile labels) {
        int height = images.dimensions()[1];
        int width = images.dimensions()[2];
        Split split = prefix.equals("train") ? Split.TRAIN : Split.TEST;
        for (int i = 0; i < images.dimensions()[0]; i++) {
            int offset = i * height * width;
            String key = prefix + "-" + i;
            float[] label = {Byte.toUnsignedInt(labels.values()[i])};
            samples.add(new SampleSource(prefix + "-images #" + i, key, key, label, List.of(), split, () -> {
                float[] plane = new float[height * width];
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = Byte.toUnsignedInt(images.values()[offset + p]) / 255f;
                }
                return new SourceImage(new float[][] {plane}, height, width);
            }));
        }
    }

    private static List<String> classNames(IdxParameters parameters, int classes) {
        if (parameters.classNames().isEmpty()) {
            return Labels.numbered(classes);
        }
        if (parameters.classNames().size() < classes) {
            throw new DatasetException(
                    Path.of("classNames"),
                    parameters.classNames().size() + " class names given, but the labels go up to " + (classes - 1));
        }
        return parameters.classNames();
    }

    private static Path find(Path folder, String name) {
        for (String candidate : List.of(name, name + ".gz")) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DatasetException(
                folder.resolve(name), "missing IDX file (looked for " + name + " and " + name + ".gz)");
    }
}
