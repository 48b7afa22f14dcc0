package org.robustlab.data;

/**
 * Bilinear resizing with half-pixel centres: output pixel {@code i} samples the input at
 * {@code (i + 0.5) * in / out - 0.5}, clamped to the edge pixels. This is the convention of PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)} and of OpenCV's {@code INTER_LINEAR} when enlarging;
 * it applies no antialiasing filter when shrinking.
 */
public final class ImageResize {

    /** The interpolation as recorded in dataset manifests. */
    public static final String DESCRIPTION = "bilinear, half-pixel centres, edge clamped, no antialiasing";

    private ImageResize() {}

    /** Returns a plane of {@code height * width} values resized to {@code outHeight * outWidth}. */
    public static float[] bilinear(float[] plane, int height, int width, int outHeight, int outWidth) {
        if (height == outHeight && width == outWidth) {
            return plane.clone();
        }
        float[] output = new float[outHeight * outWidth];
        int[] x0 = new int[outWidth];
        int[] x1 = new int[outWidth];
        float[] fx = new float[outWidth];
        for (int x = 0; x < outWidth; x++) {
            double source = sourceCoordinate(x, width, outWidth);
            x0[x] = (int) Math.floor(source);
            fx[x] = (float) (source - x0[x]);
            x1[x] = Math.min(x0[x] + 1, width - 1);
        }
        for (int y = 0; y < outHeight; y++) {
            double source = sourceCoordinate(y, height, outHeight);
            int y0 = (int) Math.floor(source);
            int y1 = Math.min(y0 + 1, height - 1);
            float fy = (float) (source - y0);
            for (int x = 0; x < outWidth; x++) {
                float top = plane[y0 * width + x0[x]] * (1 - fx[x]) + plane[y0 * width + x1[x]] * fx[x];
                float bottom = plane[y1 * width + x0[x]] * (1 - fx[x]) + plane[y1 * width + x1[x]] * fx[x];
                output[y * outWidth + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return output;
    }

    /** Returns the input coordinate of an output pixel, clamped to [0, in - 1]. */
    private static double sourceCoordinate(int out, int inSize, int outSize) {
        double source = (out + 0.5) * inSize / outSize - 0.5;
        return Math.max(0, Math.min(inSize - 1, source));
    }
}
