package org.robustlab.data.dicom.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/** Reads and checks the Image Pixel Module attributes (PS3.3 C.7.6.3) that the decoder relies on. */
final class PixelModule {

    private static final Set<String> PHOTOMETRIC =
            Set.of("MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR");

    private PixelModule() {}

    /**
     * Returns the pixel format that the header declares.
     *
     * @throws DicomReadException when an attribute is missing or out of the range the standard allows
     */
    static PixelFormat declared(Path file, AttributeList list, List<String> warnings) {
        int rows = required(file, list, TagFromName.Rows, "Rows (0028,0010)");
        int columns = required(file, list, TagFromName.Columns, "Columns (0028,0011)");
        int bitsAllocated = required(file, list, TagFromName.BitsAllocated, "Bits Allocated (0028,0100)");
        int samples = AttributeValues.integer(list, TagFromName.SamplesPerPixel).orElse(1);
        int bitsStored = AttributeValues.integer(list, TagFromName.BitsStored).orElse(bitsAllocated);
        int highBit = AttributeValues.integer(list, TagFromName.HighBit).orElse(bitsStored - 1);
        int representation =
                AttributeValues.integer(list, TagFromName.PixelRepresentation).orElse(0);
        int frames = frames(file, list, warnings);
        String photometric = AttributeValues.string(list, TagFromName.PhotometricInterpretation);
        if (photometric.isEmpty()) {
            photometric = samples == 1 ? "MONOCHROME2" : "RGB";
            warnings.add("Photometric Interpretation (0028,0004) is missing; " + photometric + " was assumed");
        }
        check(
                file,
                rows > 0 && rows <= 65535 && columns > 0 && columns <= 65535,
                "Rows and Columns must be 1-65535, got " + rows + " x " + columns);
        check(
                file,
                Set.of(1, 8, 16, 32).contains(bitsAllocated),
                "Bits Allocated must be 1, 8, 16 or 32, got " + bitsAllocated);
        check(
                file,
                bitsStored >= 1 && bitsStored <= bitsAllocated,
                "Bits Stored must be 1-" + bitsAllocated + ", got " + bitsStored);
        check(
                file,
                highBit >= bitsStored - 1 && highBit < bitsAllocated,
                "High Bit must be " + (bitsStored - 1) + "-" + (bitsAllocated - 1) + ", got " + highBit);
        check(file, samples == 1 || samples == 3, "Samples per Pixel must be 1 or 3, got " + samples);
        check(
                file,
                representation == 0 || representation == 1,
                "Pixel Representation must be 0 or 1, got " + representation);
        return new PixelFormat(
                rows, columns, frames, samples, photometric, bitsAllocated, bitsStored, highBit, representation == 1);
    }

    /** Rejects photometric interpretations the colour conversion does not know. */
    static void checkPhotometric(Path file, PixelFormat format) {
        String photometric = format.photometricInterpretation();
        if (!PHOTOMETRIC.contains(photometric)) {
            throw new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "Photometric Interpretation " + photometric + " is not supported; supported are " + PHOTOMETRIC);
        }
        int expectedSamples = format.isMonochrome() || photometric.equals("PALETTE COLOR") ? 1 : 3;
        if (format.samplesPerPixel() != expectedSamples) {
            throw new DicomReadException(
                    file,
                    Reason.CORRUPT,
                    "Photometric Interpretation " + photometric + " needs " + expectedSamples
                            + " sample(s) per pixel, the file declares " + format.samplesPerPixel());
        }
    }

    private static int frames(Path file, AttributeList list, List<String> warnings) {
        String text = AttributeValues.string(list, TagFromName.NumberOfFrames);
        if (text.isEmpty()) {
            return 1;
        }
        try {
            int frames = Integer.parseInt(text);
            check(file, frames >= 1, "Number of Frames must be at least 1, got " + frames);
            return frames;
        } catch (NumberFormatException e) {
            warnings.add("Number of Frames (0028,0008) '" + text + "' is not an integer; 1 frame was assumed");
            return 1;
        }
    }

    private static int required(Path file, AttributeList list, AttributeTag tag, String name) {
        return AttributeValues.integer(list, tag)
                .orElseThrow(() -> new DicomReadException(
                        file, Reason.CORRUPT, name + " is missing or not a number; the pixel data cannot be decoded"));
    }

    private static void check(Path file, boolean condition, String problem) {
        if (!condition) {
            throw new DicomReadException(file, Reason.UNSUPPORTED_PIXEL_FORMAT, problem);
        }
    }
}
