package org.robustlab.metrics.statistics;

/**
 * The mean structural similarity index of two images (Wang, Bovik, Sheikh and Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE Transactions on Image Processing 13(4),
 * 2004): local means, variances and covariance under an 11 x 11 Gaussian window with standard deviation 1.5,
 * constants {@code C1 = (0.01 L)^2} and {@code C2 = (0.03 L)^2} for the data range {@code L}, averaged over the
 * window positions that lie fully inside the image. Images smaller than 11 pixels on a side use the largest odd
 * window that fits. These are the paper's settings, and scikit-image's {@code structural_similarity} with {@code
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False}.
 */
public final class Ssim {

    private static final int WINDOW = 11;

    private static final double SIGMA = 1.5;

    private Ssim() {}

    /**
     * Returns the mean SSIM of two images of {@code height} x {@code width} pixels, stored row by row.
     *
     * @param dataRange the value range {@code L} of the images, for example 1 for maps scaled to [0, 1]
     */
    public static double mean(double[] a, double[] b, int height, int width, double dataRange) {
        if (a.length != height * width || b.length != height * width) {
            throw new IllegalArgumentException("Images must have " + height + " x " + width + " values");
        }
        int size = Math.min(WINDOW, Math.min(height, width));
        size -= size % 2 == 0 ? 1 : 0;
        double[] weights = gaussian(size);
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        double sum = 0;
        int count = 0;
        for (int top = 0; top + size <= height; top++) {
            for (int left = 0; left + size <= width; left++) {
                double[] m = moments(a, b, width, top, left, size, weights);
                double varianceA = m[2] - m[0] * m[0];
                double varianceB = m[3] - m[1] * m[1];
                double covariance = m[4] - m[0] * m[1];
                sum += (2 * m[0] * m[1] + c1)
                        * (2 * covariance + c2)
                        / ((m[0] * m[0] + m[1] * m[1] + c1) * (varianceA + varianceB + c2));
                count++;
            }
        }
        return sum / count;
    }

    /** Returns the weighted {E[a], E[b], E[a^2], E[b^2], E[ab]} under the window at (top, left). */
    private static double[] moments(double[] a, double[] b, int width, int top, int left, int size, double[] w) {
        double[] m = new double[5];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double weight = w[y * size + x];
                double va = a[(top + y) * width + left + x];
                double vb = b[(top + y) * width + left + x];
                m[0] += weight * va;
                m[1] += weight * vb;
                m[2] += weight * va * va;
                m[3] += weight * vb * vb;
                m[4] += weight * va * vb;
            }
        }
        return m;
    }

    private static double[] gaussian(int size) {
        double[] weights = new double[size * size];
        int radius = size / 2;
        double sum = 0;
        for (int y = -radius; y <= radius; y++) {
            for (int x = -radius; x <= radius; x++) {
                double value = Math.exp(-(x * x + y * y) / (2 * SIGMA * SIGMA));
                weights[(y + radius) * size + x + radius] = value;
                sum += value;
            }
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        return weights;
    }
}
