package org.robustlab.data.dicom.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/**
 * Decodes 8-bit three-component JPEG frames without colour transform. It serves RGB streams that Image I/O would
 * decode as YCbCr (see {@link JpegColorMarkers#decoderAssumesYcbcr()}).
 */
final class JpegFrames {

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
        List<JpegSegment> segments = JpegSegment.beforeScan(stream);
        if (segments.isEmpty() || segments.get(segments.size() - 1).marker() != JpegSegment.SOS) {
            return stream;
        }
        ByteArrayOutputStream stripped = new ByteArrayOutputStream(stream.length);
        stripped.write(stream, 0, 2);
        for (JpegSegment segment : segments) {
            if (segment.marker() == JpegSegment.SOS) {
                stripped.write(stream, segment.start(), stream.length - segment.start());
            } else if (segment.end() > stream.length) {
                return stream;
            } else if (segment.marker() < APP0 || segment.marker() > APP15) {
                stripped.write(stream, segment.start(), segment.end() - segment.start());
            }
        }
        return stripped.size() == stream.length ? stream : stripped.toByteArray();
    }
}
