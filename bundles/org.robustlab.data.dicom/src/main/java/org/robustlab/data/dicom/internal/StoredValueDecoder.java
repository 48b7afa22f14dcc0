package org.robustlab.data.dicom.internal;

import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.PixelFormat;

/**
 * Turns decoded Pixel Data into stored values, one frame at a time: unpacks the Bits Allocated words, keeps the
 * Bits Stored bits that end at High Bit, sign-extends them when Pixel Representation is 1, and reorders colour
 * planes (Planar Configuration 1) and YBR_FULL_422 pairs into interleaved samples.
 */
final class StoredValueDecoder implements DicomImage.FrameSource {

    /** How the samples of one frame are laid out in the pixel data. */
    enum Layout {
        /** R1 G1 B1 R2 G2 B2 ..., or one sample per pixel. */
        INTERLEAVED,
        /** R1 R2 ... G1 G2 ... B1 B2 ... (Planar Configuration 1 of uncompressed data). */
        BY_PLANE,
        /** Y1 Y2 Cb Cr for each pair of pixels (uncompressed YBR_FULL_422). */
        YBR_422
    }

    private final PixelFormat format;
    private final byte[] bytes;
    private final short[] words;
    private final boolean bigEndian;
    private final Layout layout;

    /**
     * Creates a decoder over either a little-endian byte stream or 16-bit words (exactly one is non-null).
     *
     * @param format the pixel format; for YBR_422 its samples per pixel are 3
     * @param bigEndian whether the words came from a big-endian file, which orders 32-bit halves high first
     */
    StoredValueDecoder(PixelFormat format, byte[] bytes, short[] words, boolean bigEndian, Layout layout) {
        if ((bytes == null) == (words == null)) {
            throw new IllegalArgumentException("Need exactly one of bytes and words");
        }
        this.format = format;
        this.bytes = bytes;
        this.words = words;
        this.bigEndian = bigEndian;
        this.layout = layout;
    }

    /** Returns the number of raw samples in one frame. */
    static long rawSamplesPerFrame(PixelFormat format, Layout layout) {
        long pixels = (long) format.rows() * format.columns();
        return layout == Layout.YBR_422 ? pixels * 2 : pixels * format.samplesPerPixel();
    }

    /** Returns the number of bytes the pixel data of all frames needs. */
    static long requiredBytes(PixelFormat format, Layout layout) {
        long samples = rawSamplesPerFrame(format, layout) * format.frames();
        return format.bitsAllocated() == 1 ? (samples + 7) / 8 : samples * (format.bitsAllocated() / 8);
    }

    /** Returns the number of bytes held. */
    long availableBytes() {
        return bytes != null ? bytes.length : 2L * words.length;
    }

    @Override
    public int[] storedValues(int frame) {
        int rawCount = (int) rawSamplesPerFrame(format, layout);
        long base = (long) frame * rawCount;
        int[] raw = new int[rawCount];
        for (int i = 0; i < rawCount; i++) {
            raw[i] = mask(word(base + i));
        }
        return switch (layout) {
            case INTERLEAVED -> raw;
            case BY_PLANE -> interleave(raw);
            case YBR_422 -> expand422(raw);
        };
    }

    private int word(long index) {
        return switch (format.bitsAllocated()) {
            case 1 -> (byteAt(index >>> 3) >>> (int) (index & 7)) & 1;
            case 8 -> byteAt(index);
            case 16 -> words != null ? words[(int) index] & 0xffff : byteAt(2 * index) | byteAt(2 * index + 1) << 8;
            default -> word32(index);
        };
    }

    private int word32(long index) {
        if (words != null) {
            int first = words[(int) (2 * index)] & 0xffff;
            int second = words[(int) (2 * index + 1)] & 0xffff;
            return bigEndian ? first << 16 | second : second << 16 | first;
        }
        long offset = 4 * index;
        return byteAt(offset) | byteAt(offset + 1) << 8 | byteAt(offset + 2) << 16 | byteAt(offset + 3) << 24;
    }

    private int byteAt(long index) {
        if (bytes != null) {
            return bytes[(int) index] & 0xff;
        }
        int word = words[(int) (index >>> 1)] & 0xffff;
        boolean lowByte = (index & 1) == 0 ^ bigEndian;
        return lowByte ? word & 0xff : word >>> 8;
    }

    private int mask(int word) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() - bitsStored + 1;
        if (bitsStored == 32) {
            return word;
        }
        int mask = (1 << bitsStored) - 1;
        int value = (word >>> shift) & mask;
        if (format.signed() && (value & (1 << (bitsStored - 1))) != 0) {
            value |= ~mask;
        }
        return value;
    }

    private int[] interleave(int[] planes) {
        int pixels = format.pixelsPerFrame();
        int samples = format.samplesPerPixel();
        int[] interleaved = new int[planes.length];
        for (int s = 0; s < samples; s++) {
            for (int p = 0; p < pixels; p++) {
                interleaved[p * samples + s] = planes[s * pixels + p];
            }
        }
        return interleaved;
    }

    private int[] expand422(int[] pairs) {
        int pixels = format.pixelsPerFrame();
        int[] full = new int[pixels * 3];
        for (int p = 0; p + 1 < pixels; p += 2) {
            int group = p * 2;
            int cb = pairs[group + 2];
            int cr = pairs[group + 3];
            full[3 * p] = pairs[group];
            full[3 * p + 1] = cb;
            full[3 * p + 2] = cr;
            full[3 * p + 3] = pairs[group + 1];
            full[3 * p + 4] = cb;
            full[3 * p + 5] = cr;
        }
        return full;
    }
}
