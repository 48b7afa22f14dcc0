package org.robustlab.data.dicom;

import java.util.Locale;
import java.util.Optional;

/** The VOI LUT Function (0028,1056) of PS3.3 C.11.2.1.3: how a window maps modality values to display values. */
public enum VoiFunction {
    /** The default function of PS3.3 C.11.2.1.2.1, with its half-unit offsets for integer inputs. */
    LINEAR,
    /** A straight line from {@code center - width/2} to {@code center + width/2} (PS3.3 C.11.2.1.3.2). */
    LINEAR_EXACT,
    /** The logistic curve {@code 1 / (1 + exp(-4 (x - center) / width))} (PS3.3 C.11.2.1.3.1). */
    SIGMOID;

    /** Returns the function named by a VOI LUT Function value, or empty when the value is not a defined term. */
    public static Optional<VoiFunction> parse(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (VoiFunction function : values()) {
            if (function.name().equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
