package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
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
     * zeros, and we reject the file instead.
     */
    private static final Map<String, Reason> REJECTED_ON_PURPOSE = Map.of("pydicom/MR_truncated.dcm", Reason.CORRUPT);

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
     * Lossy files whose GDCM 3.0.21 decoding is not the image, each with its lossless original.
     * SC_rgb_jpeg_lossy_gdcm declares RGB but contains a YCbCr stream by the JFIF convention (component identifiers 1,
     * 2, 3, chroma subsampled 2 x 2). GDCM takes the declared RGB at its word and returns the YCbCr samples, 92
     * grey levels away from the original on average.
     */
    private static final Map<String, String> LOSSY_ORIGINALS =
            Map.of("pydicom/SC_rgb_jpeg_lossy_gdcm.dcm", "pydicom/SC_rgb_rle.dcm");

    /**
     * Largest mean absolute difference from GDCM on the grid of a lossy frame, in stored-value units. All 16
     * grid-checked frames of the sample set (JPEG Baseline and JPEG 2000) agree exactly; the margin allows for
     * rounding in other decoder versions.
     */
    private static final double GRID_MEAN_TOLERANCE = 0.5;

    /** Largest absolute difference from GDCM at any grid sample of a lossy frame. */
    private static final int GRID_MAX_TOLERANCE = 2;

    private static final int GRID = 8;

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
        if (PYDICOM_RGB_PIXELS.containsKey(key) || LOSSY_ORIGINALS.containsKey(key)) {
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
                if (values.has("grid")) {
                    assertGridClose(image, stored, values.get("grid"), false);
                }
            } else if (values.has("grid")
                    && expected.get("photometric").asText().startsWith("YBR_FULL")) {
                assertGridClose(image, stored, values.get("grid"), true);
            }
            if (values.has("rgbMeans")) {
                assertRgbMeans(image.rgb(frame), values.get("rgbMeans"), lossy ? 0.01 : 1e-4);
            }
        }
    }

    /**
     * Compares the samples at the pixels gdcm-expected-values.py picks, an 8 x 8 grid of cell centres; with
     * {@code ybrExpected}, GDCM's YBR_FULL samples are first converted to RGB by PS3.3 C.7.6.3.1.2.
     */
    private static void assertGridClose(DicomImage image, int[] stored, JsonNode grid, boolean ybrExpected) {
        int rows = image.rows();
        int columns = image.columns();
        int samples = image.pixelFormat().samplesPerPixel();
        assertThat(grid.size()).isEqualTo(GRID * GRID * samples);
        double total = 0;
        int worst = 0;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                int pixel = rows * (2 * i + 1) / (2 * GRID) * columns + columns * (2 * j + 1) / (2 * GRID);
                long[] expected = gridPixel(grid, (i * GRID + j) * samples, samples, ybrExpected);
                for (int sample = 0; sample < samples; sample++) {
                    long actual = image.pixelFormat().storedValue(stored[pixel * samples + sample]);
                    int difference = (int) Math.abs(actual - expected[sample]);
                    total += difference;
                    worst = Math.max(worst, difference);
                }
            }
        }
        assertThat(total / grid.size())
                .as("mean absolute difference on the grid")
                .isLessThanOrEqualTo(GRID_MEAN_TOLERANCE);
        assertThat(worst).as("largest difference on the grid").isLessThanOrEqualTo(GRID_MAX_TOLERANCE);
    }

    private static long[] gridPixel(JsonNode grid, int start, int samples, boolean ybr) {
        long[] pixel = new long[samples];
        for (int sample = 0; sample < samples; sample++) {
            pixel[sample] = grid.get(start + sample).asLong();
        }
        if (!ybr) {
            return pixel;
        }
        double y = pixel[0];
        double cb = pixel[1] - 128.0;
        double cr = pixel[2] - 128.0;
        return new long[] {clamp(y + 1.402 * cr), clamp(y - 0.344136 * cb - 0.714136 * cr), clamp(y + 1.772 * cb)};
    }

    private static long clamp(double value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    @Test
    void decodesUnmarkedRgbJpegLikeGdcm() throws IOException {
        String key = "pydicom/SC_jpeg_no_color_transform.dcm";
        DicomImage image = READER.read(TestData.file(key));

        assertThat(image.warnings()).anyMatch(warning -> warning.contains("without colour transform"));
        assertThat(sha256(image.storedValues(0))).isEqualTo(firstFrameSha256(key));
    }

    /**
     * SC_rgb_jpeg's meta header names JPEG Baseline, which has explicit VR, but its data set is in implicit VR. Its
     * JPEG stream also has an APP14 segment too short for Adobe's layout. The decoding equals GDCM's bit for bit.
     */
    @Test
    void decodesImplicitVrUnderExplicitMeta() throws IOException {
        String key = "pydicom/SC_rgb_jpeg.dcm";
        DicomImage image = READER.read(TestData.file(key));

        assertThat(image.warnings()).anyMatch(warning -> warning.contains("encoded in implicit VR"));
        assertThat(image.metadata().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.50");
        assertThat(sha256(image.storedValues(0))).isEqualTo(firstFrameSha256(key));
    }

    /**
     * Gives MR_small_implicit's implicit VR data set a meta header that names Explicit VR Little Endian: the stored
     * values must still be GDCM's for the original file.
     */
    @Test
    void decodesImplicitVrUnderExplicitMetaUncompressed(@TempDir Path directory) throws IOException {
        String key = "pydicom/MR_small_implicit.dcm";
        byte[] original = Files.readAllBytes(TestData.file(key));
        int dataSetStart = RawDicom.dataSetStart(original);
        ByteBuffer meta = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        RawDicom.putMetaHeader(meta, "1.2.840.10008.1.2.1", 0);
        Path file = directory.resolve("implicit-under-explicit.dcm");
        try (var out = Files.newOutputStream(file)) {
            out.write(meta.array(), 0, meta.position());
            out.write(original, dataSetStart, original.length - dataSetStart);
        }

        DicomImage image = READER.read(file);

        assertThat(image.warnings()).anyMatch(warning -> warning.contains("encoded in implicit VR"));
        assertThat(image.metadata().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertFramesMatch(image, expectedValues().get(key), false);
    }

    /**
     * GDCMJ2K_TextGBR contains 16 tiles of 6 tile-parts each, but its SOT markers declare 5 tile-parts per tile
     * (TNsot). Whatever TNsot declares, 0 for "not given" included, the image is the one GDCM decodes.
     */
    @ParameterizedTest(name = "TNsot {0}")
    @ValueSource(ints = {0, 5, 6})
    void decodesAnyDeclaredTilePartCount(int declared, @TempDir Path directory) throws IOException {
        String key = "pydicom/GDCMJ2K_TextGBR.dcm";
        byte[] bytes = Files.readAllBytes(TestData.file(key));
        int markers = 0;
        for (int i = 0; i + 12 <= bytes.length; i++) {
            boolean sot = (bytes[i] & 0xFF) == 0xFF
                    && (bytes[i + 1] & 0xFF) == 0x90
                    && bytes[i + 2] == 0
                    && bytes[i + 3] == 10;
            if (sot) {
                assertThat(bytes[i + 11]).as("TNsot in the file").isEqualTo((byte) 5);
                bytes[i + 11] = (byte) declared;
                markers++;
            }
        }
        assertThat(markers).as("SOT markers").isEqualTo(16 * 6);
        Path file = Files.write(directory.resolve("TNsot-" + declared + ".dcm"), bytes);

        DicomImage image = READER.read(file);

        assertThat(sha256(image.storedValues(0))).isEqualTo(firstFrameSha256(key));
        if (declared == 6) {
            assertThat(image.warnings()).noneMatch(warning -> warning.contains("TNsot"));
        } else {
            assertThat(image.warnings())
                    .anyMatch(warning -> warning.contains("for 16 of 16 tiles")
                            && warning.contains("tile 0: " + declared + " declared, 6 found"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossyOriginals")
    void decodesLossyFileCloseToOriginal(String key, String original) throws IOException {
        DicomImage image = READER.read(TestData.file(key));
        int[] expected = READER.read(TestData.file(original)).storedValues(0);
        int[] actual = image.storedValues(0);
        assertThat(image.pixelFormat().photometricInterpretation()).isEqualTo("RGB");
        assertThat(actual).hasSameSizeAs(expected);
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            total += Math.abs(actual[i] - expected[i]);
        }
        assertThat(total / actual.length)
                .as("mean absolute difference from %s", original)
                .isLessThan(4.0);
    }

    static Stream<Arguments> lossyOriginals() {
        return LOSSY_ORIGINALS.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
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

    private static String firstFrameSha256(String key) throws IOException {
        return expectedValues().get(key).get("frames").get(0).get("sha256").asText();
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
