package org.robustlab.data.dicom.internal;

import java.nio.file.Path;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/** Decodes all RLE Lossless frames of a Pixel Data attribute that PixelMed left compressed. */
final class RleFrames {

    private RleFrames() {}

    /** Returns the little-endian, pixel-interleaved samples of every frame. */
    static byte[] decode(Path file, OtherByteAttributeMultipleCompressedFrames pixelData, PixelFormat format) {
        byte[][] fragments = EncapsulatedFrames.of(file, pixelData, format, "RLE");
        if (format.bitsAllocated() % 8 != 0) {
            throw new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "RLE Lossless needs Bits Allocated of" + " 8, 16 or 32, got " + format.bitsAllocated());
        }
        int pixels = format.pixelsPerFrame();
        int frameBytes = pixels * format.samplesPerPixel() * format.bitsAllocated() / 8;
        byte[] decoded = new byte[Math.multiplyExact(frameBytes, format.frames())];
        RleDecoder decoder = new RleDecoder(pixels, format.samplesPerPixel(), format.bitsAllocated());
        for (int frame = 0; frame < fragments.length; frame++) {
            try {
                decoder.decode(fragments[frame], decoded, frame * frameBytes);
            } catch (IllegalArgumentException e) {
                throw new DicomReadException(
                        file, Reason.CORRUPT, "RLE frame " + frame + " is malformed: " + e.getMessage(), e);
            }
        }
        return decoded;
    }
}
