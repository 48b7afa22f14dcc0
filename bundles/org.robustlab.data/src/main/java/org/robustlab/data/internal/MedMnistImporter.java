package org.robustlab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.io.Npz;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.SampleSource;
import org.robustlab.data.SourceImage;

/**
 * Imports a MedMNIST {@code .npz} file (Yang et al., MedMNIST v2, Scientific Data 10, 41, 2023): arrays
 * {@code train_images}, {@code val_images}, {@code test_images} of uint8 [N, H, W] or [N, H, W, 3], and the matching
 * {@code *_labels} [N, K]. The file's own splits are kept; each image is its own group, since MedMNIST has no
 * patient ids.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "medmnist",
        label = "MedMNIST (.npz)",
        description = "A MedMNIST .npz file with train/val/test images and labels; keeps the file's splits."
                + " Multi-label when the labels have several columns (ChestMNIST).")
public final class MedMnistImporter implements DatasetImporter<MedMnistParameters> {

    private static final Map<String, Split> SPLITS =
            Map.of("train", Split.TRAIN, "val", Split.VALIDATION, "test", Split.TEST);

    @Override
    public Class<MedMnistParameters> parameterType() {
        return MedMnistParameters.class;
    }

    @Override
    public MedMnistParameters defaultParameters() {
        return new MedMnistParameters(List.of(), false);
    }

    @Override
    public ImportResult importDataset(ImportRequest request, MedMnistParameters parameters) throws IOException {
        Path file = request.source();
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "not a file; give the MedMNIST .npz file");
        }
        Map<String, INDArray> arrays;
        try {
            arrays = Npz.read(file);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "not a readable .npz archive: " + e.getMessage(), e);
        }
        List<SampleSource> samples = new ArrayList<>();
        int labelColumns = -1;
        for (String prefix : List.of("train", "val", "test")) {
            INDArray images = require(arrays, file, prefix + "_images");
            INDArray labels = require(arrays, file, prefix + "_labels");
            labelColumns = labels.rank() == 1 ? 1 : (int) labels.size(1);
            if (images.size(0) != labels.size(0)) {
                throw new DatasetException(
                        file,
                        prefix + "_images has " + images.size(0) + " images but " + prefix + "_labels has "
                                + labels.size(0) + " rows");
            }
            addSamples(samples, prefix, images, labels.reshape(labels.size(0), labelColumns));
        }
        boolean multiLabel = parameters.multiLabel() || labelColumns > 1;
        List<String> names = names(parameters, multiLabel ? labelColumns : classCount(samples));
        if (!multiLabel) {
            samples.replaceAll(sample -> Labels.oneHot(sample, names.size()));
        }
        TaskType task = multiLabel ? TaskType.MULTILABEL : TaskType.MULTICLASS;
        DatasetBuilder builder = new DatasetBuilder(
                "medmnist",
                file.getFileName().toString(),
                task,
                names,
                "unsigned 8-bit pixels divided by 255 to [0, 1]",
                parameters);
        return builder.build(request, List.of(file), samples);
    }

    private static void addSamples(List<SampleSource> samples, String prefix, INDArray images, INDArray labels) {
        int height = (int) images.size(1);
        int width = (int) images.size(2);
        int channels = images.rank() == 4 ? (int) images.size(3) : 1;
        for (int i = 0; i < images.size(0); i++) {
            int index = i;
            String key = prefix + "-" + i;
            float[] label = labels.getRow(i).toFloatVector();
            samples.add(new SampleSource(
                    prefix + "_images #" + i,
                    key,
                    key,
                    label,
                    List.of(),
                    SPLITS.get(prefix),
                    () -> image(images, index, height, width, channels)));
        }
    }

    private static SourceImage image(INDArray images, int index, int height, int width, int channels) {
        float[] values = images.slice(index).dup('c').toFloatVector();
        float[][] planes = new float[channels][height * width];
        for (int p = 0; p < height * width; p++) {
            for (int c = 0; c < channels; c++) {
                planes[c][p] = values[p * channels + c] / 255f;
            }
        }
        return new SourceImage(planes, height, width);
    }

    private static INDArray require(Map<String, INDArray> arrays, Path file, String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new DatasetException(file, "missing array '" + name + "'; the archive has " + arrays.keySet());
        }
        return array;
    }

    private static int classCount(List<SampleSource> samples) {
        int classes = 0;
        for (SampleSource sample : samples) {
            classes = Math.max(classes, (int) sample.labels()[0] + 1);
        }
        return classes;
    }

    private static List<String> names(MedMnistParameters parameters, int count) {
        if (!parameters.classNames().isEmpty()) {
            if (parameters.classNames().size() != count) {
                throw new DatasetException(
                        Path.of("classNames"),
                        parameters.classNames().size() + " names given for " + count + " classes or labels");
            }
            return parameters.classNames();
        }
        return Labels.numbered(count);
    }
}
