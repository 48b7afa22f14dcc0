package org.robustlab.data.dicom.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/**
 * Decodes 8-bit three-component JPEG frames without colour transform. It serves RGB streams that Image I/O would
 * decode as YCbCr (see {@link JpegColorMarkers#decoderAssumesYcbcr()}).
 */
final class JpegFrames {

    private static final int SOI = 0xD8;

    private static final int SOS = 0xDA;

    private static final int FILL = 0xFF;

    private static final int APP0 = 0xE0;

    private static final int APP15 = 0xEF;

    private JpegFrames() {}

    /** Returns whether the first frame contains RGB that Image I/O would decode as YCbCr. */
    static boolean needUntransformedDecoding(OtherByteAttributeMultipleCompressedFrames pixelData) {
        byte[][] frames = pixelData.getFrames();
        return frames != null
                && frames.length > 0
                && JpegColorMarkers.read(frames[0]).decoderAssumesYcbcr();
    }

    /**
     * Returns the pixel-interleaved samples of every frame as the JPEG stream stores them. The frames are decoded
     * without their application segments (APP0 to APP15), which carry nothing that decoding without colour transform
     * needs. The TwelveMonkeys reader fails on an APP14 segment shorter than Adobe's 12 bytes of data.
     */
    static byte[] decodeUntransformed(
            Path file, OtherByteAttributeMultipleCompressedFrames pixelData, PixelFormat format) {
        byte[][] frames = EncapsulatedFrames.of(file, pixelData, format, "JPEG").clone();
        for (int frame = 0; frame < frames.length; frame++) {
            frames[frame] = withoutApplicationSegments(frames[frame]);
        }
        return EncapsulatedFrames.decodeRasters(
                file,
                frames,
                format,
                "JPEG",
                ImageIoCodecs::jpegReader,
                frame -> ImageIO.createImageInputStream(new ByteArrayInputStream(frame)));
    }

    /**
     * Returns the stream without the APP0 to APP15 segments before its first scan, or the stream itself if it has
     * none or its markers cannot be followed, in which case the decoder reports the fault.
     */
    static byte[] withoutApplicationSegments(byte[] stream) {
        if (stream.length < 4 || (stream[0] & 0xFF) != 0xFF || (stream[1] & 0xFF) != SOI) {
            return stream;
        }
        ByteArrayOutputStream stripped = new ByteArrayOutputStream(stream.length);
        stripped.write(stream, 0, 2);
        int position = 2;
        while (position + 4 <= stream.length && (stream[position] & 0xFF) == 0xFF) {
            int marker = stream[position + 1] & 0xFF;
            if (marker == FILL) {
                position++; // a fill byte before a marker
                continue;
            }
            if (marker == SOS) {
                stripped.write(stream, position, stream.length - position);
                return stripped.size() == stream.length ? stream : stripped.toByteArray();
            }
            int segmentEnd = position + 2 + (((stream[position + 2] & 0xFF) << 8) | (stream[position + 3] & 0xFF));
            if (segmentEnd > stream.length) {
                return stream;
            }
            if (marker < APP0 || marker > APP15) {
                stripped.write(stream, position, segmentEnd - position);
            }
            position = segmentEnd;
        }
        return stream;
    }
}
