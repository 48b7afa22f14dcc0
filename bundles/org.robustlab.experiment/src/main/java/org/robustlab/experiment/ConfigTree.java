package org.robustlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Parses experiment files into plain maps, lists and scalars, and merges profiles into them. */
final class ConfigTree {

    /** Numbers in exponent notation without a dot, which YAML 1.1 reads as strings (for example 1e-3). */
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)[eE][-+]?\\d+");

    private ConfigTree() {}

    /**
     * Parses YAML (which includes JSON) into a tree. A duplicate key is an error.
     *
     * @param sourceName the file name used in syntax errors
     */
    static Map<String, Object> parse(String text, String sourceName) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Object tree;
        try {
            tree = mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null
                    ? sourceName
                    : sourceName + ":" + location.getLineNr() + ":" + location.getColumnNr();
            throw new InvalidExperimentException(where, "not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null) {
            throw new InvalidExperimentException(
                    sourceName,
                    "the file is empty; an experiment needs at least"
                            + " name, engine, dataset, architecture and models");
        }
        ConfigSection.of(tree, "");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) normalize(tree);
        return root;
    }

    /** Returns {@code base} with {@code overrides} applied: mappings merge key by key, everything else replaces. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> entry : overrides.entrySet()) {
            Object current = merged.get(entry.getKey());
            if (current instanceof Map<?, ?> currentMap && entry.getValue() instanceof Map<?, ?> overrideMap) {
                merged.put(entry.getKey(), merge((Map<String, Object>) currentMap, (Map<String, Object>) overrideMap));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    private static Object normalize(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), normalize(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(value -> copy.add(normalize(value)));
            return copy;
        }
        if (node instanceof String text && EXPONENT_NUMBER.matcher(text.trim()).matches()) {
            return Double.parseDouble(text.trim());
        }
        return node;
    }
}
