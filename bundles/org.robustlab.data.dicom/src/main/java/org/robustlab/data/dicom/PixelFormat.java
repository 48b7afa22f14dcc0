package org.robustlab.data.dicom;

import java.util.Locale;

/**
 * The attributes of the Image Pixel Module (PS3.3 C.7.6.3) that define how stored values are laid out.
 *
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param frames Number of Frames (0028,0008), 1 for single-frame images
 * @param samplesPerPixel Samples per Pixel (0028,0002): 1 or 3
 * @param photometricInterpretation Photometric Interpretation (0028,0004) of the decoded pixels, for example
 *     {@code MONOCHROME2}; compressed YBR images that the decoder converted are {@code RGB}
 * @param bitsAllocated Bits Allocated (0028,0100): 1, 8, 16 or 32
 * @param bitsStored Bits Stored (0028,0101)
 * @param highBit High Bit (0028,0102)
 * @param signed whether Pixel Representation (0028,0103) is 1 (two's complement)
 */
public record PixelFormat(
        int rows,
        int columns,
        int frames,
        int samplesPerPixel,
        String photometricInterpretation,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        boolean signed) {

    public PixelFormat {
        photometricInterpretation = photometricInterpretation.strip().toUpperCase(Locale.ROOT);
    }

    /** Returns whether the image is MONOCHROME1 or MONOCHROME2. */
    public boolean isMonochrome() {
        return photometricInterpretation.startsWith("MONOCHROME");
    }

    /** Returns whether the minimum stored value is displayed white (MONOCHROME1). */
    public boolean isInverted() {
        return photometricInterpretation.equals("MONOCHROME1");
    }

    /** Returns the number of pixels of one frame. */
    public int pixelsPerFrame() {
        return rows * columns;
    }

    /** Returns the smallest stored value that Bits Stored and Pixel Representation allow. */
    public long minimumStoredValue() {
        return signed ? -(1L << (bitsStored - 1)) : 0;
    }

    /** Returns the largest stored value that Bits Stored and Pixel Representation allow. */
    public long maximumStoredValue() {
        return signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
    }

    /** Returns a stored value as a number: unsigned 32-bit values, held in an {@code int}, are made positive. */
    public long storedValue(int value) {
        return bitsStored == 32 && !signed ? Integer.toUnsignedLong(value) : value;
    }
}
