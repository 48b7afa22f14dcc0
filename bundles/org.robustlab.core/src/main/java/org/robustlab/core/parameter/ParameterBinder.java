package org.robustlab.core.parameter;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds configuration values (maps, lists, strings, numbers and booleans, as parsed from YAML or JSON) onto
 * parameter records, and turns records back into such values.
 *
 * <p>Missing keys take the value from the default record. Every error is an {@link InvalidParameterException}
 * whose path names the offending key, and whose message lists the allowed keys, type, range or constants.
 * Supported component types: {@code boolean}, {@code int}, {@code long}, {@code float}, {@code double} and their
 * boxes, {@code String}, enums (written in any case, with {@code -} for {@code _}), nested records, {@code
 * List}s of these, and {@code double[]} or {@code int[]}.
 */
public final class ParameterBinder {

    private ParameterBinder() {}

    /**
     * Returns a record of {@code defaults}' type with the given values applied.
     *
     * @param defaults the record supplying every value that {@code values} omits
     * @param values configuration values keyed by component name; {@code null} means none
     * @param path where {@code values} sits in the configuration, used as the prefix of error paths
     * @throws InvalidParameterException on an unknown key, a value of the wrong type or out of range, or a
     *     value that the record's constructor rejects
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R bind(R defaults, Map<String, ?> values, String path) {
        return (R) bindRecord(defaults.getClass(), defaults, values == null ? Map.of() : values, path);
    }

    /** Returns the value of {@code component} in {@code record}. */
    public static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record, e);
        }
    }

    /** Converts a record into nested maps and lists, the inverse of {@link #bind}. */
    public static Map<String, Object> toMap(Record record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            map.put(component.getName(), toPlain(valueOf(component, record)));
        }
        return map;
    }

    private static Object toPlain(Object value) {
        if (value instanceof Record nested) {
            return toMap(nested);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ParameterBinder::toPlain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, entry) -> plain.put(key.toString(), toPlain(entry)));
            return plain;
        }
        if (value instanceof double[] array) {
            return Arrays.stream(array).boxed().toList();
        }
        if (value instanceof int[] array) {
            return Arrays.stream(array).boxed().toList();
        }
        return value;
    }

    private static Record bindRecord(Class<?> type, Record defaults, Map<String, ?> values, String path) {
        RecordComponent[] components = type.getRecordComponents();
        rejectUnknownKeys(components, values, path);
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String componentPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
            Object defaultValue = defaults == null ? null : valueOf(component, defaults);
            if (values.containsKey(component.getName())) {
                Object raw = values.get(component.getName());
                arguments[i] = convert(component.getGenericType(), raw, defaultValue, componentPath);
                checkRange(component, arguments[i], componentPath);
            } else if (defaults == null) {
                throw new InvalidParameterException(componentPath, "missing value");
            } else {
                arguments[i] = defaultValue;
            }
        }
        return construct(type, types, arguments, path);
    }

    private static void rejectUnknownKeys(RecordComponent[] components, Map<String, ?> values, String path) {
        Set<String> allowed = new TreeSet<>();
        for (RecordComponent component : components) {
            allowed.add(component.getName());
        }
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                String keyPath = path.isEmpty() ? key : path + "." + key;
                throw new InvalidParameterException(keyPath, "unknown key; allowed keys: " + allowed);
            }
        }
    }

    private static Record construct(Class<?> type, Class<?>[] types, Object[] arguments, String path) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return (Record) constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidParameterException invalid) {
                throw invalid;
            }
            throw new InvalidParameterException(
                    path.isEmpty() ? type.getSimpleName() : path, String.valueOf(cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct parameter record " + type.getName(), e);
        }
    }

    private static void checkRange(RecordComponent component, Object value, String path) {
        Parameter parameter = component.getAnnotation(Parameter.class);
        if (parameter == null || !(value instanceof Number number)) {
            return;
        }
        double x = number.doubleValue();
        if (Double.isNaN(x) || x < parameter.min() || x > parameter.max()) {
            ParameterDescriptor descriptor = ParameterDescriptor.of(component, null);
            throw new InvalidParameterException(
                    path, "value " + value + " is out of range; allowed: " + descriptor.rangeText());
        }
    }

    private static Object convert(Type type, Object raw, Object defaultValue, String path) {
        if (raw == null) {
            throw new InvalidParameterException(path, "missing value (null)");
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return convertList(parameterized.getActualTypeArguments()[0], raw, path);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            return copySettings(raw, path);
        }
        Class<?> target = (Class<?>) type;
        if (target.isRecord()) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw new InvalidParameterException(
                        path,
                        "expected a mapping of " + target.getSimpleName() + " parameters, found " + describe(raw));
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> values = (Map<String, ?>) map;
            return bindRecord(target, (Record) defaultValue, values, path);
        }
        return ScalarConversions.convert(target, raw, path);
    }

    private static List<Object> convertList(Type elementType, Object raw, String path) {
        if (!(raw instanceof List<?> list)) {
            throw new InvalidParameterException(path, "expected a list, found " + describe(raw));
        }
        List<Object> converted = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            converted.add(convert(elementType, list.get(i), null, path + "[" + i + "]"));
        }
        return List.copyOf(converted);
    }

    /** Returns an unmodifiable copy of a settings block whose keys are strings, with nested maps and lists. */
    private static Map<String, Object> copySettings(Object raw, String path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidParameterException(path, "expected a mapping of settings, found " + describe(raw));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidParameterException(path, "setting names must be strings, found " + entry.getKey());
            }
            copy.put(key, copyPlain(entry.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyPlain(Object value, String path) {
        if (value instanceof Map<?, ?>) {
            return copySettings(value, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyPlain(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    static String describe(Object raw) {
        if (raw instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (raw instanceof List<?>) {
            return "a list";
        }
        return raw.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " '" + raw + "'";
    }
}
