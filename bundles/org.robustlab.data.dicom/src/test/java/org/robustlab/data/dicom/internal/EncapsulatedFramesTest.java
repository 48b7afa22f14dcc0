package org.robustlab.data.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;

import org.junit.jupiter.api.Test;
import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.PixelFormat;

/** Checks how frame decoding reports the faults of an Image I/O reader. */
class EncapsulatedFramesTest {

    private static final Path FILE = Path.of("synthetic.dcm");

    private static final PixelFormat FORMAT = new PixelFormat(1, 1, 1, 1, "MONOCHROME2", 8, 8, 7, false);

    /** An Error that a decoder throws for a fault of the data, as JJ2000's NotImplementedError does. */
    private static final class DecoderError extends Error {

        DecoderError(String message) {
            super(message);
        }
    }

    @Test
    void decodesRasterOfReader() {
        byte[] decoded = decode(new FailingReader(null));

        assertThat(decoded).containsExactly(42);
    }

    @Test
    void reportsDecoderErrorAsCorrupt() {
        assertThatThrownBy(() -> decode(new FailingReader(new DecoderError("unsupported tile-part order"))))
                .isInstanceOfSatisfying(
                        DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("unsupported tile-part order");
    }

    @Test
    void rethrowsVirtualMachineError() {
        assertThatThrownBy(() -> decode(new FailingReader(new InternalError("virtual machine fault"))))
                .isInstanceOf(InternalError.class);
    }

    private static byte[] decode(ImageReader reader) {
        return EncapsulatedFrames.decodeRasters(
                FILE,
                new byte[][] {{1}},
                FORMAT,
                "test syntax",
                () -> reader,
                frame -> ImageIO.createImageInputStream(new ByteArrayInputStream(frame)));
    }

    /** A reader that throws the given error from readRaster, or returns one sample of 42 without one. */
    private static final class FailingReader extends ImageReader {

        private final Error error;

        FailingReader(Error error) {
            super(null);
            this.error = error;
        }

        @Override
        public Raster readRaster(int imageIndex, ImageReadParam param) {
            if (error != null) {
                throw error;
            }
            BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(0, 0, 0, 42);
            return image.getRaster();
        }

        @Override
        public int getNumImages(boolean allowSearch) {
            return 1;
        }

        @Override
        public int getWidth(int imageIndex) {
            return 1;
        }

        @Override
        public int getHeight(int imageIndex) {
            return 1;
        }

        @Override
        public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
            return List.<ImageTypeSpecifier>of().iterator();
        }

        @Override
        public IIOMetadata getStreamMetadata() {
            return null;
        }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) {
            return null;
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) {
            throw new UnsupportedOperationException("this test reader reads rasters only");
        }
    }
}
