package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

/**
 * Files with an irregular meta header or first data set element that are not implicit VR under an explicit VR meta
 * header. The check for that case must leave them to PixelMed's own handling.
 */
class MetaHeaderTest {

    /** Offset of (0002,0000) File Meta Information Group Length: after the preamble and "DICM". */
    private static final int GROUP_LENGTH_ELEMENT = 132;

    private static final DicomReader READER = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pydicom/CT_small.dcm", "pydicom/JPEG2000.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm"})
    void decodesMetaWithoutGroupLength(String key) throws IOException {
        byte[] original = Files.readAllBytes(TestData.file(key));
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        changed.write(original, 0, GROUP_LENGTH_ELEMENT);
        changed.write(original, GROUP_LENGTH_ELEMENT + 12, original.length - GROUP_LENGTH_ELEMENT - 12);
        Path file = Files.write(folder.resolve("no-group-length.dcm"), changed.toByteArray());

        DicomImage image = READER.read(file);

        assertThat(image.storedValues(0))
                .isEqualTo(READER.read(TestData.file(key)).storedValues(0));
        assertThat(image.warnings()).noneMatch(warning -> warning.contains("implicit VR"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 3})
    void rejectsEmptyDataSetAsNoPixelData(int dataSetBytes) throws IOException {
        byte[] original = Files.readAllBytes(TestData.file("pydicom/CT_small.dcm"));
        int dataSetStart = dataSetStart(original);
        byte[] truncated = Arrays.copyOf(original, dataSetStart + dataSetBytes);
        Path file = Files.write(folder.resolve("empty-data-set.dcm"), truncated);

        assertThatThrownBy(() -> READER.read(file))
                .isInstanceOfSatisfying(
                        DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PIXEL_DATA));
    }

    @Test
    void decodesItemBeforeFirstElement() throws IOException {
        String key = "pydicom/CT_small.dcm";
        byte[] original = Files.readAllBytes(TestData.file(key));
        int dataSetStart = dataSetStart(original);
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        changed.write(original, 0, dataSetStart);
        changed.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0});
        changed.write(original, dataSetStart, original.length - dataSetStart);
        Path file = Files.write(folder.resolve("item-first.dcm"), changed.toByteArray());

        DicomImage image = READER.read(file);

        assertThat(image.storedValues(0))
                .isEqualTo(READER.read(TestData.file(key)).storedValues(0));
    }

    private static int dataSetStart(byte[] file) {
        return GROUP_LENGTH_ELEMENT
                + 12
                + ByteBuffer.wrap(file, GROUP_LENGTH_ELEMENT + 8, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
    }
}
