package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares the stored values of every real sample file with GDCM's decoding ({@code gdcmconv --raw}), recorded in
 * gdcm-expected.json by releng/scripts/gdcm-expected-values.py: lossless syntaxes must match bit for bit in every
 * frame, lossy ones within a decoder tolerance, and files GDCM cannot read as images must be rejected.
 */
class GdcmAgreementTest {

    /** Syntaxes that no installed decoder handles; their files must be rejected naming the syntax. */
    private static final Set<String> UNDECODABLE = Set.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81");

    private static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";

    /**
     * Files GDCM decodes but this reader rejects on purpose, with the reason. GDCM pads truncated pixel data with
     * zeros; we reject the file instead. PixelMed's parser gives up on the wrongly encoded header of SC_rgb_jpeg.
     */
    private static final Map<String, Reason> REJECTED_ON_PURPOSE = Map.of(
            "pydicom/MR_truncated.dcm", Reason.CORRUPT,
            "pydicom/SC_rgb_jpeg.dcm", Reason.CORRUPT);

    /**
     * Files where GDCM 3.0.21 is wrong, checked against pydicom 2.3.1 (Debian python3-pydicom). GDCM swaps the
     * 16-bit halves of 32-bit big-endian values, so the big-endian RT dose files must equal their little-endian
     * twins. It also shifts the bytes of 16- and 32-bit RGB RLE, so pydicom's pixels at (0, 0) and (50, 50) are used.
     */
    private static final Map<String, String> SAME_PIXELS_AS = Map.of(
            "pydicom/rtdose_expb.dcm", "pydicom/rtdose.dcm",
            "pydicom/rtdose_expb_1frame.dcm", "pydicom/rtdose_1frame.dcm");

    private static final Map<String, long[]> PYDICOM_RGB_PIXELS = Map.of(
            "pydicom/SC_rgb_rle_16bit.dcm", new long[] {65535, 0, 0, 32896, 32896, 65535},
            "pydicom/SC_rgb_rle_32bit.dcm", new long[] {4294967295L, 0, 0, 2155905152L, 2155905152L, 4294967295L});

    /**
     * Files this reader decodes differently from GDCM, left out until fixed. NOTE: GDCMJ2K_TextGBR is JPEG 2000
     * with Photometric Interpretation YBR_RCT, and its codestream does not ask for the inverse colour transform;
     * GDCM then applies it and JJ2000 does not. SC_jpeg_no_color_transform is an RGB JPEG without JFIF or Adobe
     * marker, whose components the JPEG reader converts from YCbCr although they are RGB.
     */
    private static final Set<String> KNOWN_DIFFERENCES =
            Set.of("pydicom/GDCMJ2K_TextGBR.dcm", "pydicom/SC_jpeg_no_color_transform.dcm");

    private static final DicomReader READER = new PixelMedDicomReader();

    private static JsonNode expectedValues;

    static Stream<Arguments> samples() throws IOException {
        JsonNode root = expectedValues();
        List<Arguments> samples = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            samples.add(Arguments.of(entry.getKey(), entry.getValue()));
        }
        return samples.stream();
    }

    private static synchronized JsonNode expectedValues() throws IOException {
        if (expectedValues == null) {
            try (InputStream in = GdcmAgreementTest.class.getResourceAsStream("gdcm-expected.json")) {
                expectedValues = new ObjectMapper().readTree(in);
            }
        }
        return expectedValues;
    }

    @Test
    void expectedValuesCoverTheSampleSet() throws IOException {
        assertThat(samples().count()).isGreaterThanOrEqualTo(190);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesLikeGdcm(String key, JsonNode expected) throws IOException {
        if (KNOWN_DIFFERENCES.contains(key) || PYDICOM_RGB_PIXELS.containsKey(key)) {
            return;
        }
        if (SAME_PIXELS_AS.containsKey(key)) {
            expected = expectedValues().get(SAME_PIXELS_AS.get(key));
        }
        if (expected.has("gdcm")) {
            if (expected.get("message").asText().contains("Could not read")) {
                assertThatThrownBy(() -> READER.read(TestData.file(key))).isInstanceOf(DicomReadException.class);
            }
            return;
        }
        String syntax = expected.get("transferSyntax").asText();
        if (REJECTED_ON_PURPOSE.containsKey(key)) {
            assertRejected(key, REJECTED_ON_PURPOSE.get(key), "");
        } else if (UNDECODABLE.contains(syntax) || syntax.equals(JPEG_EXTENDED)) {
            assertRejected(key, Reason.UNSUPPORTED_TRANSFER_SYNTAX, syntax);
        } else {
            assertFramesMatch(READER.read(TestData.file(key)), expected, TransferSyntaxes.isLossy(syntax));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pydicomPixels")
    void decodesMultiByteRgbRleLikePydicom(String key, long[] pixels) throws IOException {
        DicomImage image = READER.read(TestData.file(key));
        int[] stored = image.storedValues(0);
        int center = 3 * (50 * image.columns() + 50);
        long[] actual = new long[6];
        for (int i = 0; i < 3; i++) {
            actual[i] = image.pixelFormat().storedValue(stored[i]);
            actual[3 + i] = image.pixelFormat().storedValue(stored[center + i]);
        }
        assertThat(actual).containsExactly(pixels);
        double gdcmMean =
                expectedValues().get(key).get("frames").get(0).get("mean").asDouble();
        assertThat(mean(image, stored)).isCloseTo(gdcmMean, within(1e-3 * Math.abs(gdcmMean)));
    }

    static Stream<Arguments> pydicomPixels() {
        return PYDICOM_RGB_PIXELS.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    private static void assertRejected(String key, Reason reason, String messagePart) {
        assertThatThrownBy(() -> READER.read(TestData.file(key)))
                .isInstanceOfSatisfying(
                        DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart)
                .hasMessageContaining(key.substring(key.lastIndexOf('/') + 1));
    }

    private static void assertFramesMatch(DicomImage image, JsonNode expected, boolean lossy) {
        JsonNode frames = expected.get("frames");
        assertThat(image.frameCount()).isEqualTo(frames.size());
        assertThat(image.rows()).isEqualTo(expected.get("rows").asInt());
        assertThat(image.columns()).isEqualTo(expected.get("columns").asInt());
        boolean samePhotometric = image.pixelFormat()
                .photometricInterpretation()
                .equals(expected.get("photometric").asText().replace("YBR_FULL_422", "YBR_FULL"));
        for (int frame = 0; frame < frames.size(); frame++) {
            JsonNode values = frames.get(frame);
            int[] stored = image.storedValues(frame);
            if (!lossy) {
                assertThat(sha256(stored))
                        .as("frame %d", frame)
                        .isEqualTo(values.get("sha256").asText());
            } else if (samePhotometric) {
                assertThat(mean(image, stored))
                        .as("frame %d mean", frame)
                        .isCloseTo(values.get("mean").asDouble(), within(1.0));
            }
            if (values.has("rgbMeans")) {
                assertRgbMeans(image.rgb(frame), values.get("rgbMeans"), lossy ? 0.01 : 1e-4);
            }
        }
    }

    private static void assertRgbMeans(float[][] rgb, JsonNode expected, double tolerance) {
        for (int channel = 0; channel < 3; channel++) {
            double sum = 0;
            for (float value : rgb[channel]) {
                sum += value;
            }
            assertThat(sum / rgb[channel].length)
                    .as("channel %d", channel)
                    .isCloseTo(expected.get(channel).asDouble(), within(tolerance));
        }
    }

    private static double mean(DicomImage image, int[] stored) {
        double sum = 0;
        for (int value : stored) {
            sum += image.pixelFormat().storedValue(value);
        }
        return sum / stored.length;
    }

    static String sha256(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            bytes.putInt(value);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
