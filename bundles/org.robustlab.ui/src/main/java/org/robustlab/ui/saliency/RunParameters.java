package org.robustlab.ui.saliency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the parameters of a run folder: one file per key under {@code params/}, as MLflow's file store keeps them. */
final class RunParameters {

    private RunParameters() {}

    /** Returns every parameter by key; an empty map when the folder has none. */
    static Map<String, String> read(Path runFolder) throws IOException {
        Map<String, String> parameters = new TreeMap<>();
        Path folder = runFolder.resolve("params");
        if (!Files.isDirectory(folder)) {
            return parameters;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                parameters.put(
                        file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        }
        return parameters;
    }
}
