package org.robustlab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads experiment files (YAML or JSON) and validates them completely before anything runs.
 *
 * <p>An unknown key, a value of the wrong type, a value out of range or an unknown contribution id raises an
 * {@link InvalidExperimentException} whose path names the value, for example {@code evaluation.attacks[0].epsilons[2]},
 * and whose message lists the allowed keys, range, constants or installed contributions. Contribution parameters
 * are bound to each contribution's parameter record, so the contribution's own checks apply too.
 */
public final class ExperimentReader {

    private final ContributionCatalog catalog;

    public ExperimentReader(ContributionCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads and validates an experiment file; relative dataset sources resolve against the file's folder.
     *
     * @throws IOException when the file cannot be read
     * @throws InvalidExperimentException when the file is invalid
     */
    public Experiment read(Path file, ReadOptions options) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path folder = file.toAbsolutePath().getParent();
        return read(text, file.getFileName().toString(), folder, options);
    }

    /**
     * Reads and validates experiment text.
     *
     * @param sourceName the name used in syntax errors, usually the file name
     * @param baseDirectory the folder relative dataset sources resolve against
     * @throws InvalidExperimentException when the text is invalid
     */
    public Experiment read(String text, String sourceName, Path baseDirectory, ReadOptions options) {
        Map<String, Object> tree = ConfigTree.parse(text, sourceName);
        tree = applyOptions(tree, options);
        return new ExperimentValidator(catalog, options.environment(), baseDirectory).validate(tree, options.profile());
    }

    private static Map<String, Object> applyOptions(Map<String, Object> tree, ReadOptions options) {
        Map<String, Object> result = new LinkedHashMap<>(tree);
        ConfigSection profiles = ConfigSection.of(result.remove("profiles"), "profiles");
        if (!options.profile().isEmpty()) {
            if (!profiles.has(options.profile())) {
                throw new InvalidExperimentException(
                        "profiles",
                        "the file defines no profile '" + options.profile() + "'; it defines "
                                + profiles.copy().keySet());
            }
            Map<String, Object> overrides = profiles.map(options.profile());
            result = ConfigTree.merge(result, overrides);
        }
        if (!options.engine().isEmpty()) {
            result.put("engine", options.engine());
        }
        return result;
    }
}
