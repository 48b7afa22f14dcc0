package org.robustlab.data.dicom.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes RLE Lossless frames (PS3.5 Annex G) into little-endian, pixel-interleaved samples. Each frame has a
 * 64-byte header with the number of segments and their offsets; segment {@code s * bytes + b} contains byte
 * {@code b} (most significant first) of sample {@code s} of every pixel, PackBits-compressed.
 */
final class RleDecoder {

    private static final int HEADER_BYTES = 64;

    private final int pixels;
    private final int samplesPerPixel;
    private final int bytesPerSample;

    RleDecoder(int pixels, int samplesPerPixel, int bitsAllocated) {
        if (bitsAllocated % 8 != 0) {
            throw new IllegalArgumentException("RLE needs Bits Allocated of 8, 16 or 32, got " + bitsAllocated);
        }
        this.pixels = pixels;
        this.samplesPerPixel = samplesPerPixel;
        this.bytesPerSample = bitsAllocated / 8;
    }

    /**
     * Decodes one frame into {@code target} starting at {@code offset}.
     *
     * @throws IllegalArgumentException when the fragment is malformed, with what is wrong
     */
    void decode(byte[] fragment, byte[] target, int offset) {
        if (fragment.length < HEADER_BYTES) {
            throw new IllegalArgumentException("RLE fragment of " + fragment.length + " bytes has no 64-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(fragment, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int segments = header.getInt();
        int expected = samplesPerPixel * bytesPerSample;
        if (segments != expected) {
            throw new IllegalArgumentException(
                    "RLE header declares " + segments + " segments, the pixel module needs " + expected);
        }
        long[] offsets = new long[segments + 1];
        for (int i = 0; i < segments; i++) {
            offsets[i] = Integer.toUnsignedLong(header.getInt());
        }
        offsets[segments] = fragment.length;
        int stride = samplesPerPixel * bytesPerSample;
        for (int segment = 0; segment < segments; segment++) {
            long start = offsets[segment];
            long end = segment + 1 < segments ? offsets[segment + 1] : fragment.length;
            if (start < HEADER_BYTES || end > fragment.length || end < start) {
                throw new IllegalArgumentException("RLE segment " + segment + " has invalid offsets " + start + "-"
                        + end + " in a fragment of " + fragment.length + " bytes");
            }
            int sample = segment / bytesPerSample;
            int significance = bytesPerSample - 1 - segment % bytesPerSample;
            int first = offset + sample * bytesPerSample + significance;
            unpack(fragment, (int) start, (int) end, target, first, stride, segment);
        }
    }

    private void unpack(byte[] source, int start, int end, byte[] target, int first, int stride, int segment) {
        int written = 0;
        int position = start;
        while (written < pixels && position < end) {
            int control = source[position++];
            if (control >= 0) {
                int count = Math.min(control + 1, end - position);
                for (int i = 0; i < count && written < pixels; i++) {
                    target[first + stride * written++] = source[position + i];
                }
                position += control + 1;
            } else if (control != -128 && position < end) {
                byte value = source[position++];
                for (int i = 0; i < 1 - control && written < pixels; i++) {
                    target[first + stride * written++] = value;
                }
            }
        }
        if (written < pixels) {
            throw new IllegalArgumentException(
                    "RLE segment " + segment + " decodes to " + written + " bytes, the frame needs " + pixels);
        }
    }
}
