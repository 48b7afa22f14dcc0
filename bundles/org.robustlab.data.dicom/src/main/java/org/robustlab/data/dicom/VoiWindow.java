package org.robustlab.data.dicom;

import java.util.Locale;
import java.util.Objects;

/**
 * A VOI window: Window Center (0028,1050) and Window Width (0028,1051) with the VOI LUT Function (0028,1056),
 * mapping to the output range [0, 1] by the formulas of PS3.3 C.11.2.1.2 and C.11.2.1.3.
 *
 * @param center window center, in modality units (for CT, Hounsfield units)
 * @param width window width, in modality units; at least 1 for {@link VoiFunction#LINEAR}, above 0 otherwise
 * @param function the VOI LUT function
 * @param explanation the Window Center &amp; Width Explanation (0028,1055), or empty
 */
public record VoiWindow(double center, double width, VoiFunction function, String explanation) implements Voi {

    public VoiWindow {
        Objects.requireNonNull(function, "function");
        explanation = explanation == null ? "" : explanation;
        double minimum = function == VoiFunction.LINEAR ? 1 : Double.MIN_VALUE;
        if (!Double.isFinite(center) || !Double.isFinite(width) || width < minimum) {
            throw new IllegalArgumentException("Invalid VOI window: center " + center + ", width " + width + " for "
                    + function + "; the width must be finite and " + (minimum == 1 ? ">= 1" : "> 0"));
        }
    }

    /** Returns a {@link VoiFunction#LINEAR} window without explanation. */
    public static VoiWindow linear(double center, double width) {
        return new VoiWindow(center, width, VoiFunction.LINEAR, "");
    }

    @Override
    public double apply(double x) {
        return switch (function) {
            case LINEAR -> linearValue(x);
            case LINEAR_EXACT -> linearExactValue(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-4.0 * (x - center) / width));
        };
    }

    private double linearValue(double x) {
        double lower = center - 0.5 - (width - 1) / 2;
        double upper = center - 0.5 + (width - 1) / 2;
        if (x <= lower) {
            return 0;
        }
        if (x > upper) {
            return 1;
        }
        return (x - (center - 0.5)) / (width - 1) + 0.5;
    }

    private double linearExactValue(double x) {
        if (x <= center - width / 2) {
            return 0;
        }
        if (x > center + width / 2) {
            return 1;
        }
        return (x - center) / width + 0.5;
    }

    @Override
    public String describe() {
        String text = String.format(Locale.ROOT, "window %s/%s %s", number(center), number(width), function);
        return explanation.isEmpty() ? text : text + " (" + explanation + ")";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
