package org.robustlab.ui.image;

import java.awt.image.BufferedImage;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/** Converts display values, colour planes and AWT images into SWT {@link ImageData}. */
public final class Rasters {

    private static final PaletteData GREY = greyPalette();

    private Rasters() {}

    /**
     * Returns an 8-bit grey image of display values in [0, 1], row-major; values outside are clipped and 1 is
     * white.
     */
    public static ImageData grey(float[] values, int width, int height) {
        checkSize(values.length, width, height);
        ImageData data = new ImageData(width, height, 8, GREY);
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = (byte) toByte(values[y * width + x]);
            }
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    /** Returns a 24-bit image of three planes (red, green, blue) with values in [0, 1]. */
    public static ImageData rgb(float[][] planes, int width, int height) {
        checkSize(planes[0].length, width, height);
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                row[x] = toByte(planes[0][i]) << 16 | toByte(planes[1][i]) << 8 | toByte(planes[2][i]);
            }
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    /**
     * Returns grey {@code background} with {@code map} blended on top through {@code colormap}: each pixel is
     * {@code (1 - opacity * m) * grey + opacity * m * colour(m)}, so that a zero map leaves the background as it is.
     */
    public static ImageData overlay(
            float[] background, float[] map, int width, int height, Colormap colormap, double opacity) {
        checkSize(background.length, width, height);
        checkSize(map.length, width, height);
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double m = clip(map[i]);
                double alpha = opacity * m;
                int grey = toByte(background[i]);
                int colour = colormap.rgb(m);
                int r = (int) Math.round((1 - alpha) * grey + alpha * (colour >> 16 & 0xFF));
                int g = (int) Math.round((1 - alpha) * grey + alpha * (colour >> 8 & 0xFF));
                int b = (int) Math.round((1 - alpha) * grey + alpha * (colour & 0xFF));
                row[x] = r << 16 | g << 8 | b;
            }
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    /** Returns an AWT image, for example a chart rendered by JFreeChart, as 24-bit SWT image data. */
    public static ImageData fromAwt(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    /** Returns a value in [0, 1] as an 8-bit level, rounding to nearest; NaN becomes 0. */
    public static int toByte(double value) {
        return (int) Math.round(clip(value) * 255);
    }

    private static double clip(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static void checkSize(int length, int width, int height) {
        if (length != width * height) {
            throw new IllegalArgumentException(
                    "Expected " + width + " x " + height + " = " + width * height + " values, got " + length);
        }
    }

    private static PaletteData greyPalette() {
        RGB[] levels = new RGB[256];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new RGB(i, i, i);
        }
        return new PaletteData(levels);
    }
}
