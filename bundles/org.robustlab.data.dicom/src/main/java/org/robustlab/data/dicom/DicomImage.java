package org.robustlab.data.dicom;

import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A decoded DICOM image: its stored values per frame and the pixel pipeline of PS3.3 C.7.6.3 and C.11 that turns
 * them into modality values (Modality LUT) and display values in [0, 1] (VOI LUT, then the MONOCHROME1 inversion).
 * Colour images (RGB, YBR_FULL, YBR_FULL_422, PALETTE COLOR) are converted to RGB in [0, 1].
 *
 * <p>Frames are indexed from 0. Pixels of a frame are in row-major order; colour samples are interleaved
 * (R1 G1 B1 R2 ...) whatever the Planar Configuration of the file.
 */
public final class DicomImage {

    /** Luminance weights of ITU-R BT.601 for red, green and blue, used to turn colour into one grey channel. */
    public static final float[] LUMINANCE_WEIGHTS = {0.299f, 0.587f, 0.114f};

    /** Supplies the stored values of one frame, decoded on request so that large multi-frame images stay small. */
    @FunctionalInterface
    public interface FrameSource {
        /** Returns the stored values of a frame: one per sample, interleaved for colour. */
        int[] storedValues(int frame);
    }

    private final DicomMetadata metadata;
    private final PixelFormat format;
    private final FrameSource frames;
    private final List<ModalityLut> modalityLuts;
    private final List<List<Voi>> voiPresets;
    private final ColorPalette palette;
    private final List<String> warnings;

    /**
     * Creates an image; readers call this.
     *
     * @param modalityLuts one Modality LUT for all frames, or one per frame
     * @param voiPresets the VOI presets for all frames, or one list per frame; lists may be empty
     * @param palette the palette of a PALETTE COLOR image, else {@code null}
     * @param warnings what the reader tolerated, for example an unmatched Window Width value
     */
    public DicomImage(
            DicomMetadata metadata,
            PixelFormat format,
            FrameSource frames,
            List<ModalityLut> modalityLuts,
            List<List<Voi>> voiPresets,
            ColorPalette palette,
            List<String> warnings) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.format = Objects.requireNonNull(format, "format");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.modalityLuts = List.copyOf(modalityLuts);
        this.voiPresets = voiPresets.stream().map(List::copyOf).toList();
        this.palette = palette;
        this.warnings = List.copyOf(warnings);
        if (this.modalityLuts.isEmpty() || this.voiPresets.isEmpty()) {
            throw new IllegalArgumentException("Need at least one Modality LUT and one list of VOI presets");
        }
        if (format.photometricInterpretation().equals("PALETTE COLOR") && palette == null) {
            throw new IllegalArgumentException("A PALETTE COLOR image needs its palette");
        }
    }

    /** Returns the de-identified metadata. */
    public DicomMetadata metadata() {
        return metadata;
    }

    /** Returns the layout of the decoded pixels. */
    public PixelFormat pixelFormat() {
        return format;
    }

    /** Returns Rows. */
    public int rows() {
        return format.rows();
    }

    /** Returns Columns. */
    public int columns() {
        return format.columns();
    }

    /** Returns the number of frames. */
    public int frameCount() {
        return format.frames();
    }

    /** Returns what the reader tolerated in this file; empty for a clean file. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Returns the stored values of a frame after Bits Stored, High Bit and Pixel Representation are applied:
     * bits outside the stored range are masked and signed values sign-extended. Unsigned 32-bit values are held
     * in an {@code int}; {@link PixelFormat#storedValue(int)} makes them positive.
     */
    public int[] storedValues(int frame) {
        return frames.storedValues(checkFrame(frame));
    }

    /** Returns the Modality LUT of a frame: per-frame functional groups override the shared ones. */
    public ModalityLut modalityLut(int frame) {
        return modalityLuts.get(modalityLuts.size() == 1 ? 0 : checkFrame(frame));
    }

    /** Returns the VOI presets of a frame in file order; the first is the default. */
    public List<Voi> voiPresets(int frame) {
        return voiPresets.get(voiPresets.size() == 1 ? 0 : checkFrame(frame));
    }

    /** Returns the modality values of a monochrome frame, in double precision. */
    public double[] modalityValues(int frame) {
        requireMonochrome("modality values");
        int[] stored = storedValues(frame);
        ModalityLut lut = modalityLut(frame);
        double[] values = new double[stored.length];
        for (int i = 0; i < stored.length; i++) {
            values[i] = lut.apply(format.storedValue(stored[i]));
        }
        return values;
    }

    /**
     * Returns the default VOI of a frame: its first preset, or else a {@link VoiFunction#LINEAR_EXACT} window
     * from the frame's minimum to its maximum modality value.
     */
    public Voi defaultVoi(int frame) {
        List<Voi> presets = voiPresets(frame);
        return presets.isEmpty() ? minMaxWindow(modalityValues(frame)) : presets.get(0);
    }

    /** Returns a window from the minimum to the maximum of the given modality values. */
    public static VoiWindow minMaxWindow(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double width = max > min ? max - min : 1;
        return new VoiWindow(min + (max - min) / 2, width, VoiFunction.LINEAR_EXACT, "frame minimum to maximum");
    }

    /** Returns the display values of a monochrome frame in [0, 1] through its default VOI. */
    public float[] displayValues(int frame) {
        return displayValues(frame, defaultVoi(frame));
    }

    /**
     * Returns the display values of a monochrome frame in [0, 1]: Modality LUT, then {@code voi}, then for
     * MONOCHROME1 the inversion {@code 1 - y}, so that a larger value is always brighter.
     */
    public float[] displayValues(int frame, Voi voi) {
        double[] modality = modalityValues(frame);
        float[] display = new float[modality.length];
        boolean invert = format.isInverted();
        for (int i = 0; i < modality.length; i++) {
            double y = voi.apply(modality[i]);
            display[i] = (float) (invert ? 1 - y : y);
        }
        return display;
    }

    /** Returns whether the image is colour (RGB, YBR or palette) rather than monochrome. */
    public boolean isColor() {
        return !format.isMonochrome();
    }

    /** Returns a colour frame as RGB in [0, 1], one plane per channel: [3][rows * columns]. */
    public float[][] rgb(int frame) {
        if (!isColor()) {
            throw new IllegalStateException(
                    "rgb() needs a colour image, this one is " + format.photometricInterpretation());
        }
        return ColorConversion.toRgb(storedValues(frame), format, palette);
    }

    /**
     * Returns a frame as a float32 tensor [channels, rows, columns] in [0, 1]. A monochrome frame goes through its
     * default VOI and is repeated for 3 channels; a colour frame becomes grey by {@link #LUMINANCE_WEIGHTS} for 1.
     */
    public INDArray toTensor(int frame, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        float[][] planes = isColor() ? rgb(frame) : new float[][] {displayValues(frame)};
        float[][] output = channels == planes.length
                ? planes
                : channels == 1
                        ? new float[][] {ColorConversion.luminance(planes)}
                        : new float[][] {planes[0], planes[0], planes[0]};
        int pixels = format.pixelsPerFrame();
        float[] data = new float[channels * pixels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(output[c], 0, data, c * pixels, pixels);
        }
        return Nd4j.create(data, new long[] {channels, format.rows(), format.columns()}, 'c');
    }

    private void requireMonochrome(String what) {
        if (isColor()) {
            throw new IllegalStateException(
                    what + " need a monochrome image, this one is " + format.photometricInterpretation());
        }
    }

    private int checkFrame(int frame) {
        if (frame < 0 || frame >= format.frames()) {
            throw new IndexOutOfBoundsException("Frame " + frame + " of an image with " + format.frames() + " frames");
        }
        return frame;
    }
}
