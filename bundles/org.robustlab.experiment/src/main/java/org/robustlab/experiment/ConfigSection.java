package org.robustlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A mapping of an experiment file with its path, read key by key with errors that name the path. */
final class ConfigSection {

    private final String path;

    private final Map<String, Object> values;

    private ConfigSection(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** Wraps {@code raw}, which must be a mapping (or {@code null} for an empty one). */
    @SuppressWarnings("unchecked")
    static ConfigSection of(Object raw, String path) {
        if (raw == null) {
            return new ConfigSection(path, Map.of());
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidExperimentException(path, "expected a mapping of keys to values, found " + describe(raw));
        }
        return new ConfigSection(path, (Map<String, Object>) map);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Rejects every key not in {@code allowed}, naming the allowed keys. */
    ConfigSection allowOnly(String... allowed) {
        Set<String> keys = new TreeSet<>(List.of(allowed));
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                throw new InvalidExperimentException(pathOf(key), "unknown key; allowed keys: " + keys);
            }
        }
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    String string(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new InvalidExperimentException(pathOf(key), "missing value");
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new InvalidExperimentException(pathOf(key), "expected a string, found " + describe(value));
        }
        return value.toString();
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    long wholeNumber(String key, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new InvalidExperimentException(pathOf(key), "expected a whole number, found " + describe(value));
        }
        return number.longValue();
    }

    /** Returns the nested mapping under {@code key}; an absent key gives an empty section. */
    ConfigSection section(String key) {
        return of(values.get(key), pathOf(key));
    }

    /** Returns the raw nested mapping under {@code key} for parameter binding; absent gives an empty map. */
    Map<String, Object> map(String key) {
        return section(key).values;
    }

    /** Returns the list of mappings under {@code key}; an absent key gives an empty list. */
    List<ConfigSection> sections(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidExperimentException(pathOf(key), "expected a list, found " + describe(value));
        }
        List<ConfigSection> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            sections.add(of(list.get(i), pathOf(key) + "[" + i + "]"));
        }
        return sections;
    }

    /** Returns a deep copy of the values, for the effective configuration. */
    Map<String, Object> copy() {
        return new LinkedHashMap<>(values);
    }

    static String describe(Object raw) {
        if (raw instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (raw instanceof List<?>) {
            return "a list";
        }
        return raw.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '" + raw + "'";
    }
}
