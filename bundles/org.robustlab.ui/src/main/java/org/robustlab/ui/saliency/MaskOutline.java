package org.robustlab.ui.saliency;

/** Draws the border of a binary mask into a grey image. */
public final class MaskOutline {

    private MaskOutline() {}

    /**
     * Returns {@code grey} with the mask's border pixels (inside pixels with a 4-neighbour outside or at the image
     * edge) set to 1; {@code grey} itself when {@code mask} is {@code null}.
     */
    public static float[] apply(float[] grey, float[] mask, int width, int height) {
        if (mask == null) {
            return grey;
        }
        float[] result = grey.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (mask[i] > 0.5f && isEdge(mask, x, y, width, height)) {
                    result[i] = 1;
                }
            }
        }
        return result;
    }

    private static boolean isEdge(float[] mask, int x, int y, int width, int height) {
        int i = y * width + x;
        return x == 0
                || y == 0
                || x == width - 1
                || y == height - 1
                || mask[i - 1] <= 0.5f
                || mask[i + 1] <= 0.5f
                || mask[i - width] <= 0.5f
                || mask[i + width] <= 0.5f;
    }
}
