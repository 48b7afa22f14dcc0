package org.robustlab.data.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;

/** Imports the benchmark from the real public scans that the build fetched. */
class LesionBenchmarkImporterTest {

    private static final int SIZE = 32;

    @TempDir
    static Path cache;

    private static Dataset shared;

    private static LesionBenchmarkParameters parameters() {
        LesionBenchmarkParameters defaults = LesionBenchmarkParameters.defaults();
        return new LesionBenchmarkParameters(
                List.of(ScanSource.CRANIUM_CT, ScanSource.ITK_T1, ScanSource.ITK_SLICES),
                List.of(ScanSource.ITK_T1),
                List.of(ScanSource.ITK_SLICES),
                2,
                0.5,
                defaults.minBodyFraction(),
                defaults.radiusMin(),
                defaults.radiusMax(),
                defaults.elongationMax(),
                defaults.lobulationMax(),
                defaults.contrastMin(),
                defaults.contrastMax(),
                defaults.brightFraction(),
                defaults.edgeWidth());
    }

    /** Returns the benchmark imported once for the tests that only read it. */
    private static Dataset imported() throws IOException {
        if (shared == null) {
            shared = new LesionBenchmarkImporter()
                    .importDataset(request(dataFolder()), parameters())
                    .dataset();
        }
        return shared;
    }

    private static ImportRequest request(Path source) {
        return new ImportRequest(source, cache, SIZE, SIZE, 1, 5, 0.1, 0.3, null);
    }

    private static Path dataFolder() {
        String configured = System.getenv("ROBUSTLAB_TEST_DATA");
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "robustlab", "test-data")
                : Path.of(configured);
    }

    @Test
    void volumesNeverCrossSplits() throws IOException {
        Dataset dataset = new LesionBenchmarkImporter()
                .importDataset(request(dataFolder()), parameters())
                .dataset();

        Map<String, Split> splitOfGroup = new HashMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            SampleInfo sample = dataset.sample(i);
            Split previous = splitOfGroup.putIfAbsent(sample.groupKey(), sample.split());
            assertThat(previous == null || previous == sample.split())
                    .as(sample.groupKey())
                    .isTrue();
        }
        assertThat(splitOfGroup).containsEntry("itk-t1", Split.TEST).containsEntry("cranium-ct", Split.TRAIN);
        assertThat(splitOfGroup).containsEntry("itk-brain", Split.VALIDATION);
    }

    @Test
    void halfOfSamplesHaveLesionMasks() throws IOException {
        Dataset dataset = new LesionBenchmarkImporter()
                .importDataset(request(dataFolder()), parameters())
                .dataset();

        int positives = 0;
        for (int i = 0; i < dataset.size(); i++) {
            SampleInfo sample = dataset.sample(i);
            boolean positive = sample.labels()[0] == 1;
            assertThat(sample.hasMask()).isEqualTo(positive);
            assertThat(dataset.mask(i).isPresent()).isEqualTo(positive);
            if (positive) {
                positives++;
                INDArray mask = dataset.mask(i).orElseThrow();
                assertThat(mask.sumNumber().doubleValue()).isGreaterThan(0);
                Box box = sample.boxes().get(0);
                assertThat(box.label()).isEqualTo("lesion");
                assertThat(box.x1() - box.x0()).isLessThan(SIZE / 2.0);
            }
        }
        assertThat(positives / (double) dataset.size()).isBetween(0.35, 0.65);
    }

    @Test
    void manifestDescribesTaskAndImages() throws IOException {
        Dataset dataset = new LesionBenchmarkImporter()
                .importDataset(request(dataFolder()), parameters())
                .dataset();

        assertThat(dataset.manifest().task()).isEqualTo(TaskType.MULTILABEL);
        assertThat(dataset.manifest().labels()).containsExactly("lesion");
        assertThat(dataset.manifest().height()).isEqualTo(SIZE);
        assertThat(dataset.manifest().parameters().get("note").toString()).contains("synthetic");
        INDArray image = dataset.image(0);
        assertThat(image.shape()).containsExactly(1, SIZE, SIZE);
        assertThat(image.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(image.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
    }

    @Test
    void secondImportReadsTheCache(@TempDir Path ownCache) throws IOException {
        LesionBenchmarkImporter importer = new LesionBenchmarkImporter();
        ImportRequest request = new ImportRequest(dataFolder(), ownCache, SIZE, SIZE, 1, 5, 0.1, 0.3, null);
        ImportResult first = importer.importDataset(request, parameters());

        ImportResult second = importer.importDataset(request, parameters());

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.dataset().manifest().contentHash())
                .isEqualTo(first.dataset().manifest().contentHash());
        assertThat(second.dataset().size()).isEqualTo(first.dataset().size());
        assertThat(second.dataset().image(7)).isEqualTo(first.dataset().image(7));
        assertThat(second.dataset().sample(7))
                .usingRecursiveComparison()
                .isEqualTo(first.dataset().sample(7));
        assertThat(Files.readString(ownCache.resolve("lesion-benchmark")
                        .resolve(first.dataset().manifest().contentHash().substring(0, 16))
                        .resolve("lesions.csv")))
                .startsWith("index,sample,split,centre_x");
    }

    @Test
    void missingPackageNamesTheFetchScript(@TempDir Path empty) {
        assertThatThrownBy(() -> new LesionBenchmarkImporter().importDataset(request(empty), parameters()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("invesalius-examples")
                .hasMessageContaining("fetch-benchmark-data.sh");
    }

    @Test
    void importerIsRegisteredAsLesionBenchmark() throws InterruptedException {
        var context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<DatasetImporters, DatasetImporters> tracker =
                new ServiceTracker<>(context, DatasetImporters.class, null);
        tracker.open();
        try {
            DatasetImporters importers = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (importers.info("lesion-benchmark").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(importers.info("lesion-benchmark")).isPresent();
            assertThat(importers.get("lesion-benchmark").defaultParameters())
                    .isEqualTo(LesionBenchmarkParameters.defaults());
        } finally {
            tracker.close();
        }
    }
}
