package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.parameter.ParameterBinder;

/** The IDX importer on the real Fashion-MNIST files, limited to the first 40 images of each file. */
class FashionMnistImportTest {

    @TempDir
    Path cache;

    @Test
    void importsRealFilesAndReusesCache() throws Exception {
        ImportResult first = importFashion();
        ImportResult second = importFashion();
        Dataset dataset = first.dataset();

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.dataset().manifest().contentHash())
                .isEqualTo(dataset.manifest().contentHash());
        assertThat(dataset.size()).isEqualTo(80);
        assertThat(dataset.indices(Split.TEST)).hasSize(40);
        assertThat(dataset.indices(Split.VALIDATION)).hasSize(10);
        assertThat(dataset.manifest().task()).isEqualTo(TaskType.MULTICLASS);
        assertThat(dataset.manifest().labels()).startsWith("T-shirt/top", "Trouser");
        assertThat(dataset.manifest().interpolation()).isEqualTo(ImageResize.DESCRIPTION);
    }

    @Test
    void pixelsAndLabelsMatchTheRawFiles() throws Exception {
        Dataset dataset = importFashion().dataset();
        byte[] pixels = raw("train-images-idx3-ubyte.gz", 16, 28 * 28);
        byte[] labels = raw("train-labels-idx1-ubyte.gz", 8, 1);
        INDArray image = dataset.image(0);

        assertThat(image.shape()).containsExactly(1, 28, 28);
        assertThat(image.getFloat(0, 10, 14)).isEqualTo(Byte.toUnsignedInt(pixels[10 * 28 + 14]) / 255f);
        assertThat(dataset.sample(0).labels()[labels[0]]).isEqualTo(1f);
        assertThat(dataset.sample(0).labels()).containsOnly(0f, 1f);
    }

    private ImportResult importFashion() throws Exception {
        @SuppressWarnings("unchecked")
        DatasetImporter<Record> importer = Fixtures.service(
                DatasetImporter.class,
                candidate -> candidate.getClass().getSimpleName().equals("FashionMnistImporter"));
        Record parameters = ParameterBinder.bind(importer.defaultParameters(), java.util.Map.of("limit", 40), "");
        return importer.importDataset(Fixtures.request(Fixtures.fashionMnist(), cache, 28), parameters);
    }

    private static byte[] raw(String name, int header, int length) throws IOException {
        try (InputStream in = new GZIPInputStream(
                        Files.newInputStream(Fixtures.fashionMnist().resolve(name)));
                DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(header);
            byte[] bytes = new byte[length];
            data.readFully(bytes);
            return bytes;
        }
    }
}
