package org.robustlab.data.dicom.internal;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/** Frames that PixelMed left compressed, and their decoding through an Image I/O reader. */
final class EncapsulatedFrames {

    /** Opens an image input stream over the bytes of one compressed frame. */
    interface StreamFactory {
        ImageInputStream open(byte[] frame) throws IOException;
    }

    private EncapsulatedFrames() {}

    /** Returns the compressed frames, one per frame that Number of Frames declares. */
    static byte[][] of(
            Path file, OtherByteAttributeMultipleCompressedFrames pixelData, PixelFormat format, String syntax) {
        byte[][] frames = pixelData.getFrames();
        if (frames == null || frames.length != format.frames()) {
            throw new DicomReadException(
                    file,
                    Reason.CORRUPT,
                    syntax + " Pixel Data has " + (frames == null ? 0 : frames.length) + " frames, Number of Frames is "
                            + format.frames());
        }
        return frames;
    }

    /**
     * Decodes every frame to a raster and returns the samples little-endian and pixel-interleaved, Bits Allocated / 8
     * bytes each.
     */
    static byte[] decodeRasters(
            Path file,
            byte[][] frames,
            PixelFormat format,
            String syntax,
            Supplier<ImageReader> readers,
            StreamFactory streams) {
        int bytesPerSample = format.bitsAllocated() / 8;
        int frameBytes = format.pixelsPerFrame() * format.samplesPerPixel() * bytesPerSample;
        byte[] decoded = new byte[Math.multiplyExact(frameBytes, format.frames())];
        for (int frame = 0; frame < frames.length; frame++) {
            Raster raster = readRaster(file, frame, syntax, readers.get(), streams, frames[frame]);
            requireShape(file, frame, syntax, raster, format);
            int[] samples = raster.getPixels(0, 0, format.columns(), format.rows(), (int[]) null);
            int offset = frame * frameBytes;
            for (int i = 0; i < samples.length; i++) {
                for (int b = 0; b < bytesPerSample; b++) {
                    decoded[offset + i * bytesPerSample + b] = (byte) (samples[i] >>> (8 * b));
                }
            }
        }
        return decoded;
    }

    private static Raster readRaster(
            Path file, int frame, String syntax, ImageReader reader, StreamFactory streams, byte[] bytes) {
        try (ImageInputStream input = streams.open(bytes)) {
            reader.setInput(input);
            return reader.readRaster(0, null);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            // JJ2000 signals some faults of the codestream with subclasses of Error, such as NotImplementedError.
            throw new DicomReadException(
                    file, Reason.CORRUPT, syntax + " frame " + frame + " cannot be decoded: " + detail(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static void requireShape(Path file, int frame, String syntax, Raster raster, PixelFormat format) {
        if (raster.getWidth() != format.columns()
                || raster.getHeight() != format.rows()
                || raster.getNumBands() != format.samplesPerPixel()) {
            throw new DicomReadException(
                    file,
                    Reason.CORRUPT,
                    syntax + " frame " + frame + " is " + raster.getWidth() + " x " + raster.getHeight() + " with "
                            + raster.getNumBands() + " components, the image pixel module declares "
                            + format.columns() + " x " + format.rows() + " with " + format.samplesPerPixel());
        }
    }

    private static String detail(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
