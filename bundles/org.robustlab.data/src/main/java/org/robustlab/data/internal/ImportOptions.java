package org.robustlab.data.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed arguments of {@code robustlab import}.
 *
 * @param layout the importer id
 * @param source the dataset file or folder, as typed
 * @param cache the cache folder, or {@code null} for the default
 * @param height image height
 * @param width image width
 * @param channels 1 or 3
 * @param seed split seed
 * @param validation validation fraction
 * @param test test fraction
 * @param parameters importer parameters from {@code --param name=value}
 */
record ImportOptions(
        String layout,
        String source,
        String cache,
        int height,
        int width,
        int channels,
        long seed,
        double validation,
        double test,
        Map<String, Object> parameters) {

    /**
     * Parses the arguments after {@code import}.
     *
     * @throws IllegalArgumentException naming the invalid argument
     */
    static ImportOptions parse(List<String> arguments) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                positional.add(argument);
                continue;
            }
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException("option " + argument + " needs a value");
            }
            String value = arguments.get(++i);
            if (argument.equals("--param")) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--param needs name=value, got '" + value + "'");
                }
                parameters.put(value.substring(0, equals), scalar(value.substring(equals + 1)));
            } else if (List.of("--cache", "--size", "--channels", "--seed", "--validation", "--test")
                    .contains(argument)) {
                options.put(argument, value);
            } else {
                throw new IllegalArgumentException("unknown option " + argument);
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException("expected <layout> <path>, got " + positional.size() + " argument(s)");
        }
        int[] size = size(options.getOrDefault("--size", "224"));
        return new ImportOptions(
                positional.get(0),
                positional.get(1),
                options.get("--cache"),
                size[0],
                size[1],
                (int) number(options, "--channels", "1"),
                (long) number(options, "--seed", "0"),
                number(options, "--validation", "0.1"),
                number(options, "--test", "0.1"),
                parameters);
    }

    /** Returns the cache folder: --cache, else $ROBUSTLAB_HOME/datasets, else ~/.robustlab/datasets. */
    Path cacheFolder(Path workingDirectory) {
        if (cache != null) {
            return workingDirectory.resolve(cache).normalize();
        }
        String home = System.getenv("ROBUSTLAB_HOME");
        Path base = home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".robustlab");
        return base.resolve("datasets");
    }

    private static int[] size(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            int height = Integer.parseInt(parts[0].strip());
            int width = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : height;
            if (parts.length > 2 || height <= 0 || width <= 0) {
                throw new NumberFormatException();
            }
            return new int[] {height, width};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must be N or HxW in pixels, got '" + text + "'");
        }
    }

    private static double number(Map<String, String> options, String name, String fallback) {
        String text = options.getOrDefault(name, fallback);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
        }
    }

    /**
     * Returns a --param value as a boolean, whole number, decimal, list or string. A list is written with commas
     * ({@code a,b}) or in brackets as in YAML ({@code [a, b]}), so a list of one element is {@code [a]}.
     */
    private static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            String items = text.substring(1, text.length() - 1).strip();
            return items.isEmpty()
                    ? List.of()
                    : Arrays.stream(items.split(",")).map(String::strip).toList();
        }
        if (text.contains(",")) {
            return Arrays.stream(text.split(",")).map(String::strip).toList();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
