package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    /** Side of the large test images: 724 x 724 16-bit samples make about 1 MiB. */
    private static final int LARGE_SIDE = 724;

    private static final DicomReader READER = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pydicom/CT_small.dcm", "pydicom/JPEG2000.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm"})
    void decodesMetaWithoutGroupLength(String key) throws IOException {
        byte[] original = Files.readAllBytes(TestData.file(key));
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        changed.write(original, 0, RawDicom.GROUP_LENGTH_ELEMENT);
        changed.write(
                original, RawDicom.GROUP_LENGTH_ELEMENT + 12, original.length - RawDicom.GROUP_LENGTH_ELEMENT - 12);
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
        int dataSetStart = RawDicom.dataSetStart(original);
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
        int dataSetStart = RawDicom.dataSetStart(original);
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        changed.write(original, 0, dataSetStart);
        changed.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0});
        changed.write(original, dataSetStart, original.length - dataSetStart);
        Path file = Files.write(folder.resolve("item-first.dcm"), changed.toByteArray());

        DicomImage image = READER.read(file);

        assertThat(image.storedValues(0))
                .isEqualTo(READER.read(TestData.file(key)).storedValues(0));
    }

    /**
     * Reads a 1 MiB explicit VR file whose group length is off by a few bytes. The value then points into an element,
     * where four bytes read as an implicit VR length that fits in a large file.
     */
    @ParameterizedTest(name = "group length {0}")
    @ValueSource(ints = {-12, -4, 2, 12, 26})
    void decodesLargeFileWithWrongGroupLength(int error) throws IOException {
        byte[] right = largeImage("CS", 0);
        Path file = Files.write(folder.resolve("wrong-group-length.dcm"), largeImage("CS", error));

        DicomImage image = READER.read(file);

        assertThat(image.storedValues(0))
                .isEqualTo(READER.read(Files.write(folder.resolve("right.dcm"), right))
                        .storedValues(0));
        assertThat(image.warnings()).noneMatch(warning -> warning.contains("implicit VR"));
    }

    /** Reads a 1 MiB explicit VR file whose first element has the VR "--", bytes that read as a length of 666,925. */
    @Test
    void decodesLargeFileWithUnknownFirstVr() throws IOException {
        Path file = Files.write(folder.resolve("unknown-vr.dcm"), largeImage("--", 0));

        DicomImage image = READER.read(file);

        assertThat(image.rows()).isEqualTo(LARGE_SIDE);
        assertThat(image.storedValues(0)[1]).isEqualTo(1);
        assertThat(image.warnings()).noneMatch(warning -> warning.contains("implicit VR"));
    }

    /**
     * Returns an explicit VR little endian file of LARGE_SIDE x LARGE_SIDE 16-bit samples (value = column % 256)
     * whose first element, Specific Character Set, has the given VR, with {@code error} added to the group length.
     */
    private static byte[] largeImage(String firstVr, int error) {
        ByteBuffer file =
                ByteBuffer.allocate(2 * LARGE_SIDE * LARGE_SIDE + 1024).order(ByteOrder.LITTLE_ENDIAN);
        RawDicom.putMetaHeader(file, "1.2.840.10008.1.2.1", error);
        element(file, 0x0008, 0x0005, firstVr, 10).put("ISO_IR 100".getBytes(StandardCharsets.US_ASCII));
        element(file, 0x0028, 0x0002, "US", 2).putShort((short) 1);
        element(file, 0x0028, 0x0004, "CS", 12).put("MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII));
        element(file, 0x0028, 0x0010, "US", 2).putShort((short) LARGE_SIDE);
        element(file, 0x0028, 0x0011, "US", 2).putShort((short) LARGE_SIDE);
        element(file, 0x0028, 0x0100, "US", 2).putShort((short) 16);
        element(file, 0x0028, 0x0101, "US", 2).putShort((short) 16);
        element(file, 0x0028, 0x0102, "US", 2).putShort((short) 15);
        element(file, 0x0028, 0x0103, "US", 2).putShort((short) 0);
        file.putShort((short) 0x7FE0).putShort((short) 0x0010).put("OW".getBytes(StandardCharsets.US_ASCII));
        file.putShort((short) 0).putInt(2 * LARGE_SIDE * LARGE_SIDE);
        for (int i = 0; i < LARGE_SIDE * LARGE_SIDE; i++) {
            file.putShort((short) (i % LARGE_SIDE % 256));
        }
        return Arrays.copyOf(file.array(), file.position());
    }

    private static ByteBuffer element(ByteBuffer file, int group, int element, String vr, int length) {
        return RawDicom.putElementHeader(file, group, element, vr, length);
    }
}
