package org.robustlab.core.saliency;

/**
 * Separable Gaussian blur of one image plane in place, with replicated edges and a kernel truncated at 4
 * standard deviations and normalised to sum 1.
 */
final class GaussianBlur {

    private GaussianBlur() {}

    static void blur(double[] data, int offset, int height, int width, double sigma) {
        double[] kernel = kernel(sigma);
        double[] line = new double[Math.max(height, width)];
        for (int y = 0; y < height; y++) {
            convolve(data, offset + y * width, 1, width, kernel, line);
        }
        for (int x = 0; x < width; x++) {
            convolve(data, offset + x, width, height, kernel, line);
        }
    }

    private static double[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(4 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** Convolves {@code length} values starting at {@code start}, {@code step} apart, with the kernel. */
    private static void convolve(double[] data, int start, int step, int length, double[] kernel, double[] line) {
        for (int i = 0; i < length; i++) {
            line[i] = data[start + i * step];
        }
        int radius = kernel.length / 2;
        for (int i = 0; i < length; i++) {
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = Math.min(length - 1, Math.max(0, i + k));
                sum += kernel[k + radius] * line[j];
            }
            data[start + i * step] = sum;
        }
    }
}
