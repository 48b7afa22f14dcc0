package org.robustlab.data.dicom.internal;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
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
        byte[][] frames = pixelData.getFrames();
        if (frames == null || frames.length != format.frames()) {
            throw new DicomReadException(
                    file,
                    Reason.CORRUPT,
                    "JPEG Pixel Data has " + (frames == null ? 0 : frames.length) + " frames, Number of Frames is "
                            + format.frames());
        }
        int frameBytes = format.pixelsPerFrame() * format.samplesPerPixel();
        byte[] decoded = new byte[Math.multiplyExact(frameBytes, format.frames())];
        for (int frame = 0; frame < frames.length; frame++) {
            Raster raster = readRaster(file, frame, frames[frame]);
            requireShape(file, frame, raster, format);
            int[] samples = raster.getPixels(0, 0, format.columns(), format.rows(), (int[]) null);
            for (int i = 0; i < samples.length; i++) {
                decoded[frame * frameBytes + i] = (byte) samples[i];
            }
        }
        return decoded;
    }

    private static Raster readRaster(Path file, int frame, byte[] stream) {
        ImageReader reader = ImageIoCodecs.jpegReader();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(input);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new DicomReadException(
                    file, Reason.CORRUPT, "JPEG frame " + frame + " cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static void requireShape(Path file, int frame, Raster raster, PixelFormat format) {
        if (raster.getWidth() != format.columns()
                || raster.getHeight() != format.rows()
                || raster.getNumBands() != format.samplesPerPixel()) {
            throw new DicomReadException(
                    file,
                    Reason.CORRUPT,
                    "JPEG frame " + frame + " is " + raster.getWidth() + " x " + raster.getHeight() + " with "
                            + raster.getNumBands() + " components, the image pixel module declares "
                            + format.columns() + " x " + format.rows() + " with " + format.samplesPerPixel());
        }
    }
}
