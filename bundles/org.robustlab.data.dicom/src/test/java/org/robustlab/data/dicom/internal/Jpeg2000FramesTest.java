package org.robustlab.data.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.robustlab.data.dicom.DicomReadException;

/**
 * Checks the tile-part walk on small codestreams: SOC, a main header marker segment, then per tile-part an SOT marker
 * segment (Lsot 10, Isot, Psot, TPsot, TNsot), SOD and tile data.
 */
class Jpeg2000FramesTest {

    private static final Path FILE = Path.of("synthetic.dcm");

    private static final String MAIN_HEADER = "FF4F" + "FF510002";

    private static final String EOC = "FFD9";

    @Test
    void acceptsStuffedTileData() {
        byte[] stream = codestream(tilePart(0, 0, 2, "FF7F0102", true), tilePart(0, 1, 2, "FF8F", true));

        assertThatCode(() -> Jpeg2000Frames.checkTileData(FILE, 0, stream)).doesNotThrowAnyException();
    }

    @Test
    void rejectsMarkerValueInTileData() {
        byte[] stream = codestream(tilePart(0, 0, 1, "01FFFFFF00", true));

        assertRejected(stream, "FF FF");
    }

    @Test
    void rejectsEocInsideTilePartWithLength() {
        byte[] stream = codestream(tilePart(0, 0, 2, "0102FFD9", true), tilePart(0, 1, 2, "FFFFFF00", true));

        assertRejected(stream, "FF D9");
    }

    @Test
    void acceptsEocEndingTilePartWithoutLength() {
        byte[] stream = join(codestream(tilePart(0, 0, 1, "0102", false)), bytes("00"));

        assertThatCode(() -> Jpeg2000Frames.checkTileData(FILE, 0, stream)).doesNotThrowAnyException();
    }

    @Test
    void rejectsEocBeforeMoreTileData() {
        byte[] stream = codestream(tilePart(0, 0, 1, "01FFD9FFFFFF00", false));

        assertRejected(stream, "FF D9");
    }

    @Test
    void rejectsTilePartLongerThanCodestream() {
        byte[] part = tilePart(0, 0, 1, "0102", true);
        part[9] += 16; // Psot, low byte
        byte[] stream = codestream(part);

        assertRejected(stream, "runs past the end");
    }

    @Test
    void setsTilePartCountsToThoseFound() {
        byte[] stream = codestream(
                tilePart(0, 0, 1, "01", true),
                tilePart(1, 0, 0, "02", true),
                tilePart(0, 1, 1, "03", true),
                tilePart(1, 1, 0, "04", true));
        List<String> warnings = new ArrayList<>();

        byte[] counted = Jpeg2000Frames.withCountedTileParts(0, stream, warnings);

        List<Jpeg2000Frames.TilePart> parts = Jpeg2000Frames.TilePart.list(counted);
        assertThat(parts).extracting(Jpeg2000Frames.TilePart::declaredParts).containsExactly(2, 2, 2, 2);
        assertThat(stream)
                .as("input left as it was")
                .isEqualTo(codestream(
                        tilePart(0, 0, 1, "01", true),
                        tilePart(1, 0, 0, "02", true),
                        tilePart(0, 1, 1, "03", true),
                        tilePart(1, 1, 0, "04", true)));
        assertThat(warnings).singleElement().asString().contains("for 2 of 2 tiles", "tile 0: 1 declared, 2 found");
    }

    @Test
    void keepsCodestreamWithRightCounts() {
        byte[] stream = codestream(tilePart(0, 0, 2, "01", true), tilePart(0, 1, 2, "02", true));
        List<String> warnings = new ArrayList<>();

        assertThat(Jpeg2000Frames.withCountedTileParts(0, stream, warnings)).isSameAs(stream);
        assertThat(warnings).isEmpty();
    }

    private static void assertRejected(byte[] stream, String messagePart) {
        assertThatThrownBy(() -> Jpeg2000Frames.checkTileData(FILE, 0, stream))
                .isInstanceOf(DicomReadException.class)
                .hasMessageContaining(messagePart);
    }

    /** Returns SOT, SOD and the data; with {@code withLength} false, Psot is 0 and the data end with EOC. */
    private static byte[] tilePart(int tile, int index, int count, String data, boolean withLength) {
        byte[] body = bytes(data + (withLength ? "" : EOC));
        int length = withLength ? 12 + 2 + body.length : 0;
        String sot = String.format("FF90000A%04X%08X%02X%02X", tile, length, index, count);
        return join(bytes(sot + "FF93"), body);
    }

    private static byte[] codestream(byte[]... parts) {
        byte[] stream = bytes(MAIN_HEADER);
        for (byte[] part : parts) {
            stream = join(stream, part);
        }
        boolean endsWithEoc = stream[stream.length - 2] == (byte) 0xFF && stream[stream.length - 1] == (byte) 0xD9;
        return endsWithEoc ? stream : join(stream, bytes(EOC));
    }

    private static byte[] join(byte[] first, byte[] second) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first);
        joined.writeBytes(second);
        return joined.toByteArray();
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase());
    }
}
