package org.robustlab.data.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Checks the removal of application segments from JPEG marker sequences. */
class JpegFramesTest {

    private static final String SOI = "FFD8";

    /** A short Adobe APP14 segment: length 12, so 10 bytes of data where Adobe's layout has 12. */
    private static final String SHORT_ADOBE = "FFEE000C41646F62650000000000";

    private static final String JFIF = "FFE000104A46494600010100000100010000";

    private static final String QUANTIZATION = "FFDB0004" + "0001";

    private static final String FRAME = "FFC0000B08000100010100" + "1100";

    private static final String SCAN_AND_END = "FFDA0008010100003F00" + "AB00FFD9";

    @Test
    void removesApplicationSegmentsBeforeScan() {
        byte[] stream = bytes(SOI + JFIF + QUANTIZATION + SHORT_ADOBE + FRAME + SCAN_AND_END);

        byte[] stripped = JpegFrames.withoutApplicationSegments(stream);

        assertThat(stripped).isEqualTo(bytes(SOI + QUANTIZATION + FRAME + SCAN_AND_END));
    }

    @Test
    void removesApplicationSegmentAfterFillByte() {
        byte[] stream = bytes(SOI + "FF" + SHORT_ADOBE + QUANTIZATION + FRAME + SCAN_AND_END);

        byte[] stripped = JpegFrames.withoutApplicationSegments(stream);

        assertThat(stripped).isEqualTo(bytes(SOI + QUANTIZATION + FRAME + SCAN_AND_END));
    }

    @Test
    void keepsStreamWithoutApplicationSegments() {
        byte[] stream = bytes(SOI + QUANTIZATION + FRAME + SCAN_AND_END);

        assertThat(JpegFrames.withoutApplicationSegments(stream)).isSameAs(stream);
    }

    @Test
    void keepsStreamWithSegmentPastItsEnd() {
        byte[] stream = bytes(SOI + JFIF + "FFDB00FF0001");

        assertThat(JpegFrames.withoutApplicationSegments(stream)).isSameAs(stream);
    }

    @Test
    void keepsStreamWithoutStartOfImage() {
        byte[] stream = bytes(JFIF + SCAN_AND_END);

        assertThat(JpegFrames.withoutApplicationSegments(stream)).isSameAs(stream);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase());
    }
}
