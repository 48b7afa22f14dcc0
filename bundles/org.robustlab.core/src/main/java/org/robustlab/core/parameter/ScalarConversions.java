package org.robustlab.core.parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Conversions of scalar configuration values onto the Java types of record components. */
final class ScalarConversions {

    private ScalarConversions() {}

    static Object convert(Class<?> target, Object raw, String path) {
        if (target == String.class) {
            if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                return raw.toString();
            }
            throw wrongType(path, "a string", raw);
        }
        if (target == boolean.class || target == Boolean.class) {
            if (raw instanceof Boolean value) {
                return value;
            }
            throw wrongType(path, "true or false", raw);
        }
        if (target.isEnum()) {
            return toEnum(target, raw, path);
        }
        if (target == double[].class) {
            return toDoubles(raw, path);
        }
        if (target == int[].class) {
            return toInts(raw, path);
        }
        return toNumber(target, raw, path);
    }

    private static Object toNumber(Class<?> target, Object raw, String path) {
        if (!(raw instanceof Number number)) {
            throw wrongType(path, "a number", raw);
        }
        if (target == double.class || target == Double.class) {
            return number.doubleValue();
        }
        if (target == float.class || target == Float.class) {
            return number.floatValue();
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            double value = number.doubleValue();
            if (value != Math.rint(value)) {
                throw wrongType(path, "a whole number", raw);
            }
            if (target == long.class || target == Long.class) {
                return number.longValue();
            }
            if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                throw new InvalidParameterException(path, "value " + raw + " does not fit in an int");
            }
            return number.intValue();
        }
        throw new IllegalStateException("Unsupported parameter type " + target.getName() + " at " + path);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object toEnum(Class<?> target, Object raw, String path) {
        List<String> allowed = Arrays.stream(target.getEnumConstants())
                .map(constant ->
                        ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList();
        if (raw instanceof String text) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Enum.valueOf((Class<? extends Enum>) target, name);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(path, "unknown value '" + text + "'; allowed values: " + allowed);
            }
        }
        throw wrongType(path, "one of " + allowed, raw);
    }

    private static double[] toDoubles(Object raw, String path) {
        if (!(raw instanceof List<?> list)) {
            throw wrongType(path, "a list of numbers", raw);
        }
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Double) toNumber(double.class, list.get(i), path + "[" + i + "]");
        }
        return values;
    }

    private static int[] toInts(Object raw, String path) {
        if (!(raw instanceof List<?> list)) {
            throw wrongType(path, "a list of whole numbers", raw);
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Integer) toNumber(int.class, list.get(i), path + "[" + i + "]");
        }
        return values;
    }

    private static InvalidParameterException wrongType(String path, String expected, Object raw) {
        return new InvalidParameterException(path, "expected " + expected + ", found " + ParameterBinder.describe(raw));
    }
}
