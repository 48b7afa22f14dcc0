package org.robustlab.core.parameter;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Description of one parameter of a record, for help text and generated forms.
 *
 * @param name the record component name, as written in experiment files
 * @param type the component's Java type
 * @param description what the parameter sets; empty when the component has no {@link Parameter}
 * @param unit the unit, or empty
 * @param min smallest allowed numeric value, or {@code -Infinity}
 * @param max largest allowed numeric value, or {@code Infinity}
 * @param allowedValues constant names of an enum parameter, otherwise empty
 * @param defaultValue the value in the contribution's default parameters
 */
public record ParameterDescriptor(
        String name,
        Type type,
        String description,
        String unit,
        double min,
        double max,
        List<String> allowedValues,
        Object defaultValue) {

    /** Describes every component of {@code defaults}' record class, in declaration order. */
    public static List<ParameterDescriptor> describe(Record defaults) {
        List<ParameterDescriptor> descriptors = new ArrayList<>();
        for (RecordComponent component : defaults.getClass().getRecordComponents()) {
            descriptors.add(of(component, ParameterBinder.valueOf(component, defaults)));
        }
        return descriptors;
    }

    static ParameterDescriptor of(RecordComponent component, Object defaultValue) {
        Parameter parameter = component.getAnnotation(Parameter.class);
        List<String> allowed = component.getType().isEnum()
                ? Arrays.stream(component.getType().getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name())
                        .toList()
                : List.of();
        return new ParameterDescriptor(
                component.getName(),
                component.getGenericType(),
                parameter == null ? "" : parameter.description(),
                parameter == null ? "" : parameter.unit(),
                parameter == null ? Double.NEGATIVE_INFINITY : parameter.min(),
                parameter == null ? Double.POSITIVE_INFINITY : parameter.max(),
                allowed,
                defaultValue);
    }

    /** Returns the allowed range as text, for example {@code [0.0, 1.0]}, or an empty string when unbounded. */
    public String rangeText() {
        if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) {
            return "";
        }
        return "[" + (min == Double.NEGATIVE_INFINITY ? "-inf" : format(min)) + ", "
                + (max == Double.POSITIVE_INFINITY ? "inf" : format(max)) + "]";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
