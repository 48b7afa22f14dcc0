package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.slf4j.LoggerFactory;

import com.pixelmed.dicom.TagFromName;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The DICOM folder and RSNA Pneumonia importers on synthetic DICOM files that carry patient identifiers, which must
 * not reach the cache, the manifest or the log.
 */
class DicomImportTest {

    private static final List<String> IDENTIFIERS =
            List.of("DOE^JANE", "PID-4711-XYZ", "19450817", "ACC-99812", "St. Example Hospital", "DOE", "4711");

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void folderImportSkipsBadFilesAndLeaksNoIdentifiers() throws Exception {
        Path root = folder.resolve("series");
        Files.createDirectories(root);
        for (int i = 0; i < 4; i++) {
            identified(i, i < 2 ? "PID-4711-XYZ" : "PID-0815-ABC")
                    .write(root.resolve("slice" + i + ".dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        }
        identified(4, "PID-0815-ABC").writeWithoutMeta(root.resolve("console.dcm"), SyntheticDicom.IMPLICIT_LITTLE);
        Files.write(root.resolve("photo.dcm"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Files.createFile(root.resolve("empty.dcm"));
        Files.writeString(
                root.resolve("labels.csv"),
                "file,Nodule,Effusion\nslice0.dcm,1,0\nslice1.dcm,0,\n"
                        + "slice2.dcm,1,1\nslice3.dcm,0,0\nconsole.dcm,1,0\nphoto.dcm,0,0\nempty.dcm,1,1\n");
        Path cache = folder.resolve("cache");

        ImportResult result =
                importer("DicomFolderImporter").importDataset(request(root, cache), defaults("DicomFolderImporter"));
        Dataset dataset = result.dataset();

        assertThat(dataset.size()).isEqualTo(5);
        assertThat(result.skipped())
                .extracting(ImportResult.SkippedFile::file)
                .containsExactly("photo.dcm", "empty.dcm");
        assertThat(result.skipped())
                .allSatisfy(skipped -> assertThat(skipped.reason()).contains("not a DICOM file"));
        assertThat(dataset.sample(1).labels()[1]).isNaN();
        assertThat(dataset.sample(0).split()).isEqualTo(dataset.sample(1).split());
        assertThat(dataset.image(0).getFloat(0, 0, 0)).isEqualTo(0f);
        assertNoIdentifiers(cache);
    }

    @Test
    void rsnaBoxesBecomeMasks() throws Exception {
        Path root = folder.resolve("rsna");
        Path images = Files.createDirectories(root.resolve("stage_2_train_images"));
        identified(0, "a1b2").write(images.resolve("a1b2.dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        identified(1, "c3d4").write(images.resolve("c3d4.dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        Files.writeString(
                root.resolve("stage_2_train_labels.csv"),
                "patientId,x,y,width,height,Target\na1b2,0,0,2,2,1\na1b2,3,3,1,1,1\nc3d4,,,,,0\n");

        Dataset dataset = importer("RsnaPneumoniaImporter")
                .importDataset(request(root, folder.resolve("cache")), defaults("RsnaPneumoniaImporter"))
                .dataset();

        assertThat(dataset.size()).isEqualTo(2);
        assertThat(dataset.sample(0).labels()).containsExactly(1f);
        assertThat(dataset.sample(0).boxes()).hasSize(2);
        assertThat(dataset.mask(0).orElseThrow().sumNumber().doubleValue()).isEqualTo(20.0);
        assertThat(dataset.mask(1)).isEmpty();
        assertThat(dataset.manifest().labels()).containsExactly("Lung Opacity");
    }

    private static SyntheticDicom identified(int index, String patientId) {
        return SyntheticDicom.image(4, 4, 16, 12)
                .cs(TagFromName.Modality, "CR")
                .pn(TagFromName.PatientName, "DOE^JANE")
                .lo(TagFromName.PatientID, patientId)
                .lo(TagFromName.PatientBirthDate, "19450817")
                .sh(TagFromName.AccessionNumber, "ACC-99812")
                .lo(TagFromName.InstitutionName, "St. Example Hospital")
                .ui(TagFromName.SOPInstanceUID, "1.2.826.0.1.3680043.10.1419.2." + index)
                .ds(TagFromName.WindowCenter, "100")
                .ds(TagFromName.WindowWidth, "200")
                .words(0, 50 * index, 100, 150, 200, 250, 300, 350, 0, 1, 2, 3, 4, 5, 6, 7);
    }

    private void assertNoIdentifiers(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String identifier : IDENTIFIERS) {
                    assertThat(content).as("%s in %s", identifier, file).doesNotContain(identifier);
                }
            }
        }
        for (ILoggingEvent event : log.list) {
            for (String identifier : IDENTIFIERS) {
                assertThat(event.getFormattedMessage()).doesNotContain(identifier);
            }
        }
        assertThat(log.list)
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("photo.dcm"));
    }

    private static ImportRequest request(Path source, Path cache) {
        return new ImportRequest(source, cache, 8, 8, 1, 1, 0.25, 0.25, new NullProgressMonitor());
    }

    @SuppressWarnings("unchecked")
    private static DatasetImporter<Record> importer(String className) throws InterruptedException {
        ServiceTracker<DatasetImporter, DatasetImporter> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(DicomImportTest.class).getBundleContext(), DatasetImporter.class, null);
        tracker.open();
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (Object service : tracker.getServices() == null ? new Object[0] : tracker.getServices()) {
                    if (service.getClass().getSimpleName().equals(className)) {
                        return (DatasetImporter<Record>) service;
                    }
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(className + " is not registered");
        } finally {
            tracker.close();
        }
    }

    private static Record defaults(String className) throws InterruptedException {
        return importer(className).defaultParameters();
    }
}
