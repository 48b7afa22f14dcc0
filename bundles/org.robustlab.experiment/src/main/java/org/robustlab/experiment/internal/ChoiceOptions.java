package org.robustlab.experiment.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.experiment.ContributionChoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The contribution options of {@code explain} and {@code evaluate}: an option such as {@code --method ID} names a
 * contribution, and each {@code --param KEY=VALUE} after it sets one of that contribution's parameters. Values are
 * read as YAML scalars or flow lists ({@code 0.5}, {@code true}, {@code l-infinity}, {@code [0, 0.01]}); a dotted
 * key sets a nested parameter.
 */
final class ChoiceOptions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A contribution named on the command line, with the parameter values given after it. */
    record Named(String option, String id, Map<String, Object> values) {}

    private final List<Named> named = new ArrayList<>();

    /** Adds a contribution named by {@code option}. */
    void add(String option, String id, Map<String, Object> values) {
        named.add(new Named(option, id, new LinkedHashMap<>(values)));
    }

    /**
     * Adds {@code --param KEY=VALUE} to the contribution named last.
     *
     * @throws IllegalArgumentException when no contribution was named before it, or the text is no KEY=VALUE
     */
    void addParameter(String text, String allowedBefore) {
        if (named.isEmpty()) {
            throw new IllegalArgumentException("--param " + text + " comes before any " + allowedBefore
                    + "; each --param sets a parameter of" + " the " + allowedBefore + " before it");
        }
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--param " + text + ": expected KEY=VALUE, for example steps=32");
        }
        String key = text.substring(0, equals).trim();
        Object value = parseValue(text, text.substring(equals + 1));
        put(last().values(), key, value, text);
    }

    List<Named> named() {
        return List.copyOf(named);
    }

    private Named last() {
        return named.get(named.size() - 1);
    }

    private static Object parseValue(String text, String raw) {
        if (raw.isBlank()) {
            throw new IllegalArgumentException("--param " + text + ": the value is empty");
        }
        try {
            Object value = YAML.readValue(raw, Object.class);
            return value instanceof String string ? numberOrText(string) : value;
        } catch (IOException e) {
            throw new IllegalArgumentException("--param " + text + ": the value is no YAML scalar or flow list", e);
        }
    }

    /** Returns a number for text that YAML 1.1 reads as a string, such as {@code 1e-3}. */
    private static Object numberOrText(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> values, String key, Object value, String text) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            values.put(key, value);
            return;
        }
        Object nested = values.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<String, Object>());
        if (!(nested instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("--param " + text + ": " + key.substring(0, dot) + " is set twice");
        }
        put((Map<String, Object>) nested, key.substring(dot + 1), value, text);
    }

    /**
     * Returns the contribution with its parameters bound onto its defaults.
     *
     * @throws IllegalArgumentException naming the id and the installed ids when none has it, or naming the
     *     parameter when a value is invalid
     */
    static <T extends Configurable<?>> ContributionChoice bind(
            ContributionRegistry<T> registry, Named named, Record experimentParameters) {
        if (registry.info(named.id()).isEmpty()) {
            throw new IllegalArgumentException(named.option() + " " + named.id() + ": no " + registry.kind()
                    + " has this id; installed: " + ids(registry));
        }
        Configurable<?> contribution = registry.get(named.id());
        Record defaults = experimentParameters != null ? experimentParameters : contribution.defaultParameters();
        try {
            return new ContributionChoice(named.id(), ParameterBinder.bind(defaults, named.values(), ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named.option() + " " + named.id() + ": --param " + e.getMessage(), e);
        }
    }

    /** Returns the ids of the registered contributions, in registry order. */
    static List<String> ids(ContributionRegistry<?> registry) {
        return registry.list().stream().map(ContributionInfo::id).toList();
    }
}
