package org.robustlab.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Reads and writes the {@code meta.yaml} files of the store, and writes small text files atomically. */
final class YamlFiles {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private YamlFiles() {}

    static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> values =
                    YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
            return values == null ? new LinkedHashMap<>() : values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, Map<String, ?> values) {
        try {
            writeText(file, YAML.writeValueAsString(values));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} through a temporary file moved into place, so readers never see a partial file. */
    static void writeText(Path file, String text) throws IOException {
        writeText(file, text, file.getParent());
    }

    /**
     * Writes {@code text} through a temporary file in {@code scratch}, which must be on the same file system;
     * a folder that MLflow does not list keeps an interrupted write out of its listings.
     */
    static void writeText(Path file, String text, Path scratch) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(scratch, "." + file.getFileName(), ".partial");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
