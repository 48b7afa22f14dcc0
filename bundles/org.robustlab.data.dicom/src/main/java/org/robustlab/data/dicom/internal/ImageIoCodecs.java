package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

/**
 * Registers the JPEG (TwelveMonkeys, which adds lossless JPEG) and JPEG 2000 (JAI) image readers with Image I/O.
 * Image I/O finds plug-ins through {@code META-INF/services} on the application class path, which OSGi bundles are
 * not on, so PixelMed would find no JPEG 2000 or lossless JPEG reader without this.
 */
final class ImageIoCodecs {

    private ImageIoCodecs() {}

    /** Registers the readers; registering twice has no effect. */
    static synchronized void register() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registerOnce(registry, new JPEGImageReaderSpi());
        registerOnce(registry, new J2KImageReaderSpi());
    }

    /** Returns a new TwelveMonkeys JPEG reader; the caller disposes of it. */
    static ImageReader jpegReader() {
        return newReader(JPEGImageReaderSpi.class);
    }

    /** Returns a new JAI JPEG 2000 reader; the caller disposes of it. */
    static ImageReader jpeg2000Reader() {
        return newReader(J2KImageReaderSpi.class);
    }

    private static ImageReader newReader(Class<? extends ImageReaderSpi> provider) {
        register();
        try {
            return IIORegistry.getDefaultInstance()
                    .getServiceProviderByClass(provider)
                    .createReaderInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void registerOnce(IIORegistry registry, ImageReaderSpi provider) {
        if (registry.getServiceProviderByClass(provider.getClass()) == null) {
            registry.registerServiceProvider(provider, ImageReaderSpi.class);
        }
    }
}
