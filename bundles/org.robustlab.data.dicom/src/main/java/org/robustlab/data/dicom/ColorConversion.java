package org.robustlab.data.dicom;

/** Conversions of colour stored values to RGB in [0, 1] (PS3.3 C.7.6.3.1.2) and of RGB to grey. */
final class ColorConversion {

    private ColorConversion() {}

    /** Returns interleaved colour stored values (or palette indices) as three planes of RGB in [0, 1]. */
    static float[][] toRgb(int[] samples, PixelFormat format, ColorPalette palette) {
        int pixels = format.pixelsPerFrame();
        float[][] rgb = new float[3][pixels];
        String photometric = format.photometricInterpretation();
        if (photometric.equals("PALETTE COLOR")) {
            float[] colour = new float[3];
            for (int i = 0; i < pixels; i++) {
                palette.lookUp(format.storedValue(samples[i]), colour);
                rgb[0][i] = colour[0];
                rgb[1][i] = colour[1];
                rgb[2][i] = colour[2];
            }
            return rgb;
        }
        double max = (1L << format.bitsStored()) - 1;
        boolean ybr = photometric.startsWith("YBR_FULL");
        double half = 1L << (format.bitsStored() - 1);
        for (int i = 0; i < pixels; i++) {
            double a = samples[3 * i];
            double b = samples[3 * i + 1];
            double c = samples[3 * i + 2];
            if (ybr) {
                double y = a;
                a = y + 1.402 * (c - half);
                b = y - 0.344136 * (b - half) - 0.714136 * (c - half);
                c = y + 1.772 * (samples[3 * i + 1] - half);
            }
            rgb[0][i] = unit(a, max);
            rgb[1][i] = unit(b, max);
            rgb[2][i] = unit(c, max);
        }
        return rgb;
    }

    /** Returns the BT.601 luminance of three RGB planes. */
    static float[] luminance(float[][] rgb) {
        float[] weights = DicomImage.LUMINANCE_WEIGHTS;
        float[] grey = new float[rgb[0].length];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = weights[0] * rgb[0][i] + weights[1] * rgb[1][i] + weights[2] * rgb[2][i];
        }
        return grey;
    }

    private static float unit(double value, double max) {
        return (float) Math.max(0, Math.min(1, value / max));
    }
}
