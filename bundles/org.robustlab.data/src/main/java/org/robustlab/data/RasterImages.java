package org.robustlab.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.robustlab.core.data.DatasetException;

/**
 * Reads PNG, JPEG, BMP and GIF files with Image I/O into {@link SourceImage}s in [0, 1]: grey images (8 or 16 bit)
 * as one channel, everything else as RGB; transparency is dropped.
 */
public final class RasterImages {

    private RasterImages() {}

    /**
     * Reads an image file.
     *
     * @throws DatasetException when no Image I/O reader decodes the file
     */
    public static SourceImage read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new DatasetException(file, "not an image: the file is empty");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "not a readable PNG, JPEG, BMP or GIF image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file, "not a PNG, JPEG, BMP or GIF image that Java Image I/O can read");
        }
        return convert(image);
    }

    /** Returns an image as grey or RGB planes in [0, 1]. */
    public static SourceImage convert(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() <= 2 && image.getColorModel().getNumColorComponents() == 1;
        if (grey) {
            int bits = image.getColorModel().getComponentSize(0);
            float max = (float) ((1L << bits) - 1);
            float[] plane = new float[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    plane[y * width + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return new SourceImage(new float[][] {plane}, height, width);
        }
        float[][] planes = new float[3][width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                planes[0][y * width + x] = ((rgb >> 16) & 0xff) / 255f;
                planes[1][y * width + x] = ((rgb >> 8) & 0xff) / 255f;
                planes[2][y * width + x] = (rgb & 0xff) / 255f;
            }
        }
        return new SourceImage(planes, height, width);
    }
}
