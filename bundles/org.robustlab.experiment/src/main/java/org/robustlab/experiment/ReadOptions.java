package org.robustlab.experiment;

import java.util.Map;
import java.util.Objects;

/**
 * Changes applied to an experiment file before it is validated.
 *
 * @param profile name of an entry of the file's {@code profiles} mapping whose values replace the file's values
 *     (mappings are merged key by key, lists and scalars replaced), or empty for none
 * @param engine id of an engine that replaces the file's {@code engine}, or empty to keep it
 * @param environment the environment variables that {@code ${NAME}} and {@code ${NAME:-default}} in the dataset
 *     source expand to
 */
public record ReadOptions(String profile, String engine, Map<String, String> environment) {

    public ReadOptions {
        profile = profile == null ? "" : profile;
        engine = engine == null ? "" : engine;
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** Returns options that change nothing and expand the process environment. */
    public static ReadOptions none() {
        return new ReadOptions("", "", System.getenv());
    }

    /** Returns a copy that applies the given profile. */
    public ReadOptions withProfile(String name) {
        return new ReadOptions(name, engine, environment);
    }

    /** Returns a copy that replaces the engine. */
    public ReadOptions withEngine(String id) {
        return new ReadOptions(profile, id, environment);
    }
}
