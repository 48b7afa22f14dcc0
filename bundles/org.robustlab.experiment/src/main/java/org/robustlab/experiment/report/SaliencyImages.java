package org.robustlab.experiment.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Renders images and saliency maps as PNG for the report: the input in grey with the ground-truth mask outlined,
 * and each map as a colour overlay on the input.
 *
 * <p>Overlays take maps already post-processed for display, with values in [0, 1]; scores are computed on the raw
 * maps, never on these images.
 */
public final class SaliencyImages {

    /** Anchor colours of the inferno colour map at 0, 0.25, 0.5, 0.75 and 1. */
    private static final int[][] INFERNO = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};

    private static final int MASK_OUTLINE = 0x00E676;

    private SaliencyImages() {}

    /**
     * Returns the grey image with the outline of {@code mask} drawn in green.
     *
     * @param grey intensities in [0, 1], row-major, {@code height * width} values
     * @param mask 1 inside the region, row-major, or {@code null}
     * @param scale the number of output pixels per input pixel
     */
    public static BufferedImage image(float[] grey, float[] mask, int height, int width, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int level = level(grey[y * width + x]);
                int rgb = isOutline(mask, x, y, height, width) ? MASK_OUTLINE : level << 16 | level << 8 | level;
                fill(image, x, y, scale, rgb);
            }
        }
        return image;
    }

    /**
     * Returns the saliency map as a colour overlay on the grey image: the colour's opacity follows the map value.
     *
     * @param display map values in [0, 1], row-major
     */
    public static BufferedImage overlay(float[] grey, float[] display, int height, int width, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            int level = level(grey[i]);
            int[] colour = colour(display[i]);
            double alpha = Math.min(1, 0.25 + 0.75 * display[i]) * (display[i] > 0 ? 1 : 0);
            int r = blend(level, colour[0], alpha);
            int g = blend(level, colour[1], alpha);
            int b = blend(level, colour[2], alpha);
            fill(image, i % width, i / width, scale, r << 16 | g << 8 | b);
        }
        return image;
    }

    /**
     * Returns the saliency map alone in the inferno colour map, 0 dark and 1 bright.
     *
     * @param display map values in [0, 1], row-major
     */
    public static BufferedImage heatmap(float[] display, int height, int width, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < display.length; i++) {
            int[] colour = colour(Float.isFinite(display[i]) ? display[i] : 0);
            fill(image, i % width, i / width, scale, colour[0] << 16 | colour[1] << 8 | colour[2]);
        }
        return image;
    }

    /** Returns the PNG encoding of an image. */
    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer is installed in this Java runtime");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isOutline(float[] mask, int x, int y, int height, int width) {
        if (mask == null || mask[y * width + x] <= 0.5f) {
            return false;
        }
        for (int[] step : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            int nx = x + step[0];
            int ny = y + step[1];
            if (nx < 0 || ny < 0 || nx >= width || ny >= height || mask[ny * width + nx] <= 0.5f) {
                return true;
            }
        }
        return false;
    }

    private static int[] colour(double value) {
        double position = Math.max(0, Math.min(1, value)) * (INFERNO.length - 1);
        int low = Math.min(INFERNO.length - 2, (int) position);
        double t = position - low;
        int[] colour = new int[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = (int) Math.round(INFERNO[low][c] * (1 - t) + INFERNO[low + 1][c] * t);
        }
        return colour;
    }

    private static int level(float value) {
        float clamped = Float.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
        return Math.round(clamped * 255);
    }

    private static int blend(int grey, int colour, double alpha) {
        return (int) Math.round(grey * (1 - alpha) + colour * alpha);
    }

    private static void fill(BufferedImage image, int x, int y, int scale, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                image.setRGB(x * scale + dx, y * scale + dy, rgb);
            }
        }
    }
}
