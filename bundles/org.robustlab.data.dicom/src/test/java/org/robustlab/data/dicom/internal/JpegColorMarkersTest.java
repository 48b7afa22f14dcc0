package org.robustlab.data.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Checks the colour decision against libjpeg's rules (jdapimin.c). APP0 "JFIF" means YCbCr, and APP14 "Adobe" with
 * transform 0 means RGB, 1 YCbCr. Without either marker, identifiers 1, 2, 3 mean YCbCr and 'R', 'G', 'B' RGB.
 */
class JpegColorMarkersTest {

    @Test
    void readsComponentIdentifiersOfTheFrameHeader() {
        JpegColorMarkers markers = JpegColorMarkers.read(stream(null, -1, 0xC0, 0, 1, 2));

        assertThat(markers).isEqualTo(new JpegColorMarkers(false, -1, new int[] {0, 1, 2}));
    }

    @Test
    void jfifMeansYcbcrWhateverTheIdentifiers() {
        JpegColorMarkers markers = JpegColorMarkers.read(stream("JFIF", -1, 0xC0, 0, 1, 2));

        assertThat(markers.jfif()).isTrue();
        assertThat(markers.containsRgb()).isFalse();
    }

    @Test
    void adobeTransformZeroMeansRgb() {
        JpegColorMarkers markers = JpegColorMarkers.read(stream(null, 0, 0xC0, 1, 2, 3));

        assertThat(markers.adobeTransform()).isZero();
        assertThat(markers.containsRgb()).isTrue();
        assertThat(markers.decoderAssumesYcbcr()).isFalse();
    }

    @Test
    void adobeTransformOneMeansYcbcr() {
        assertThat(JpegColorMarkers.read(stream(null, 1, 0xC0, 0, 1, 2)).containsRgb())
                .isFalse();
    }

    @Test
    void identifiersOneTwoThreeWithoutMarkersMeanYcbcr() {
        assertThat(JpegColorMarkers.read(stream(null, -1, 0xC0, 1, 2, 3)).containsRgb())
                .isFalse();
    }

    @Test
    void identifiersRgbMeanRgb() {
        JpegColorMarkers markers = JpegColorMarkers.read(stream(null, -1, 0xC0, 'R', 'G', 'B'));

        assertThat(markers.containsRgb()).isTrue();
        assertThat(markers.decoderAssumesYcbcr()).isFalse();
    }

    @Test
    void otherIdentifiersMeanUnmarkedRgb() {
        JpegColorMarkers markers = JpegColorMarkers.read(stream(null, -1, 0xC1, 0, 1, 2));

        assertThat(markers.containsRgb()).isTrue();
        assertThat(markers.decoderAssumesYcbcr()).isTrue();
    }

    @Test
    void oneComponentIsNeverRgb() {
        assertThat(JpegColorMarkers.read(stream(null, -1, 0xC0, 0)).containsRgb())
                .isFalse();
    }

    @Test
    void skipsFillBytesAndTables() {
        byte[] plain = stream(null, -1, 0xC0, 0, 1, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF}); // fill bytes
        out.writeBytes(segment(0xDB, new byte[65])); // a quantization table
        out.write(plain, 2, plain.length - 2);

        assertThat(JpegColorMarkers.read(out.toByteArray()).componentIds()).containsExactly(0, 1, 2);
    }

    @Test
    void truncatedOrForeignStreamHasNoIdentifiers() {
        byte[] plain = stream(null, -1, 0xC0, 0, 1, 2);

        assertThat(JpegColorMarkers.read(Arrays.copyOf(plain, plain.length - 4)).componentIds())
                .isEmpty();
        assertThat(JpegColorMarkers.read(new byte[] {0, 1, 2, 3, 4}).containsRgb())
                .isFalse();
        assertThat(JpegColorMarkers.read(new byte[0]).containsRgb()).isFalse();
    }

    @Test
    void startOfScanEndsTheSearch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        out.writeBytes(segment(0xDA, new byte[10]));
        out.writeBytes(segment(0xC0, new byte[] {8, 0, 8, 0, 8, 3, 0, 0x11, 0, 1, 0x11, 0, 2, 0x11, 0}));

        assertThat(JpegColorMarkers.read(out.toByteArray()).componentIds()).isEmpty();
    }

    /** Builds a JPEG stream up to its frame header: SOI, optional APP0 JFIF, optional APP14 Adobe, then SOFn. */
    private static byte[] stream(String app0, int adobeTransform, int frameMarker, int... componentIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        if (app0 != null) {
            byte[] data = new byte[14];
            System.arraycopy(app0.getBytes(StandardCharsets.US_ASCII), 0, data, 0, app0.length());
            out.writeBytes(segment(0xE0, data));
        }
        if (adobeTransform >= 0) {
            byte[] data = new byte[12];
            System.arraycopy("Adobe".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 5);
            data[11] = (byte) adobeTransform;
            out.writeBytes(segment(0xEE, data));
        }
        byte[] frame = new byte[6 + 3 * componentIds.length];
        frame[0] = 8; // sample precision
        frame[2] = 16; // lines
        frame[4] = 16; // samples per line
        frame[5] = (byte) componentIds.length;
        for (int i = 0; i < componentIds.length; i++) {
            frame[6 + 3 * i] = (byte) componentIds[i];
            frame[7 + 3 * i] = 0x11;
        }
        out.writeBytes(segment(frameMarker, frame));
        return out.toByteArray();
    }

    private static byte[] segment(int marker, byte[] data) {
        int length = data.length + 2;
        byte[] segment = new byte[data.length + 4];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(data, 0, segment, 4, data.length);
        return segment;
    }
}
