package org.robustlab.data.dicom.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/**
 * Decodes 8-bit three-component JPEG frames without colour transform. It serves RGB streams that Image I/O would
 * decode as YCbCr (see {@link JpegColorMarkers#decoderAssumesYcbcr()}).
 */
final class JpegFrames {

    private JpegFrames() {}

    /** Returns whether the first frame contains RGB that Image I/O would decode as YCbCr. */
    static boolean needUntransformedDecoding(OtherByteAttributeMultipleCompressedFrames pixelData) {
        byte[][] frames = pixelData.getFrames();
        return frames != null
                && frames.length > 0
                && JpegColorMarkers.read(frames[0]).decoderAssumesYcbcr();
    }

    /** Returns the pixel-interleaved samples of every frame as the JPEG stream stores them. */
    static byte[] decodeUntransformed(
            Path file, OtherByteAttributeMultipleCompressedFrames pixelData, PixelFormat format) {
        byte[][] frames = EncapsulatedFrames.of(file, pixelData, format, "JPEG");
        return EncapsulatedFrames.decodeRasters(
                file,
                frames,
                format,
                "JPEG",
                ImageIoCodecs::jpegReader,
                frame -> ImageIO.createImageInputStream(new ByteArrayInputStream(frame)));
    }
}
