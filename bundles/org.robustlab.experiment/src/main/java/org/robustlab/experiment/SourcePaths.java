package org.robustlab.experiment;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands environment variables and {@code ~} in dataset sources and resolves them against a folder. */
final class SourcePaths {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private SourcePaths() {}

    /**
     * Expands {@code ${NAME}} and {@code ${NAME:-default}}, then a leading {@code ~/}, and resolves a relative
     * result against {@code base}.
     *
     * @param path the path of the value in the experiment file, for errors
     */
    static Path resolve(String text, Map<String, String> environment, Path base, String path) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(3);
            }
            if (value == null) {
                throw new InvalidExperimentException(
                        path,
                        "environment variable " + matcher.group(1) + " is not set; set it, or give a default as ${"
                                + matcher.group(1) + ":-/some/folder}");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        String result = expanded.toString();
        if (result.equals("~") || result.startsWith("~/")) {
            result = System.getProperty("user.home") + result.substring(1);
        }
        try {
            return base.resolve(result).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidExperimentException(path, "not a valid path: '" + result + "'", e);
        }
    }
}
