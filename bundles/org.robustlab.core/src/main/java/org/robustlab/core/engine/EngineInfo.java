package org.robustlab.core.engine;

/**
 * What an engine runs on.
 *
 * @param library the deep-learning library, for example {@code ND4J SameDiff}
 * @param version the library version
 * @param device the compute device, for example {@code CPU (oneDNN)} or {@code CUDA 11.6}
 * @param threads intra-op threads the engine uses, or 0 when unknown
 */
public record EngineInfo(String library, String version, String device, int threads) {}
