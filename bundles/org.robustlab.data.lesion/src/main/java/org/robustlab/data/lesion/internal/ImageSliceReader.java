package org.robustlab.data.lesion.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.robustlab.core.data.DatasetException;

/**
 * Reads a PNG or JPEG slice as a one-slice volume of grey levels: colour pixels are converted with the ITU-R
 * BT.601 luminance weights, values are in the image's own units (0 to 255 for 8-bit images).
 */
final class ImageSliceReader {

    private ImageSliceReader() {}

    static Volume read(Path file, String group, String modality) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new DatasetException(file, "not a PNG or JPEG image that Java's ImageIO can read");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[width * height];
        var raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1 && image.getColorModel().getNumColorComponents() == 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (grey) {
                    values[y * width + x] = raster.getSample(x, y, 0);
                } else {
                    int rgb = image.getRGB(x, y);
                    values[y * width + x] =
                            0.299f * (rgb >> 16 & 0xFF) + 0.587f * (rgb >> 8 & 0xFF) + 0.114f * (rgb & 0xFF);
                }
            }
        }
        return new Volume(group, file.getFileName().toString(), modality, 1, height, width, values);
    }
}
