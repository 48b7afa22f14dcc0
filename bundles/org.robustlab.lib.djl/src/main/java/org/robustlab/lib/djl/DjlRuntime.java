package org.robustlab.lib.djl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;

/**
 * Settings and start-up of the embedded Deep Java Library (DJL) runtime with its PyTorch engine.
 *
 * <p>DJL reads its settings once, when {@link Engine} initialises, so {@link #applyDefaults} must run before any
 * DJL class is touched; this bundle's activator does that. The settings are:
 * <ul>
 *   <li>{@value #OFFLINE} and {@value #OPT_OUT_TRACKING}: always {@code true}. Without them DJL 0.36.0 sends usage
 *       telemetry to the cloud instance-metadata address when the engine starts, and may try to download
 *       native libraries. A value of {@code false} is overridden with a warning.</li>
 *   <li>{@value #CACHE_DIR}: where libtorch is extracted on first use (about 430 MB). Default: {@code
 *       robustlab/djl} under {@code $XDG_CACHE_HOME}, or under {@code ~/.cache} when that is unset.</li>
 *   <li>{@value #NUM_THREADS}: libtorch's intra-op threads. Default: the number of available processors.</li>
 * </ul>
 * Values already set as system properties or environment variables win, except for the two network settings.
 *
 * <p>The engine is a process-wide native library, so this class keeps process-wide state: the engine is loaded
 * once per JVM and cannot be reloaded after the bundle is updated (restart the application instead).
 */
public final class DjlRuntime {

    /** DJL system property that forbids every download. */
    public static final String OFFLINE = "ai.djl.offline";

    /** DJL environment variable that overrides {@value #OFFLINE}, so it must not be {@code false}. */
    public static final String OFFLINE_ENVIRONMENT = "DJL_OFFLINE";

    /** DJL system property and environment variable that turn off usage telemetry. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    /** DJL system property and environment variable naming the cache of extracted native libraries. */
    public static final String CACHE_DIR = "DJL_CACHE_DIR";

    /** DJL system property with the number of libtorch intra-op threads, read once at engine start. */
    public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";

    /** Name of DJL's PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);

    private static final String LOCK_FILE = ".robustlab-extract.lock";

    private static final Object START_LOCK = new Object();

    private static volatile Engine engine;

    private static volatile RuntimeException startFailure;

    private DjlRuntime() {}

    /**
     * Completes {@code properties} with the settings DJL needs (see the class comment).
     *
     * @param properties the system properties to complete
     * @param environment the process environment
     * @param processors the number of available processors
     */
    public static void applyDefaults(Properties properties, Map<String, String> environment, int processors) {
        forceTrue(properties, OFFLINE);
        forceTrue(properties, OPT_OUT_TRACKING);
        if (!environment.containsKey(CACHE_DIR) && !environment.containsKey("ENGINE_CACHE_DIR")) {
            properties.putIfAbsent(
                    CACHE_DIR, defaultCacheDirectory(environment, properties).toString());
        }
        properties.putIfAbsent(NUM_THREADS, Integer.toString(Math.max(1, processors)));
    }

    /** Applies {@link #applyDefaults} to this JVM's system properties and environment. */
    public static void applyDefaults() {
        applyDefaults(
                System.getProperties(), System.getenv(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns the per-user cache of extracted native libraries when {@value #CACHE_DIR} is not set: {@code
     * robustlab/djl} under {@code $XDG_CACHE_HOME}, or under {@code ~/.cache}.
     */
    static Path defaultCacheDirectory(Map<String, String> environment, Properties properties) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Paths.get(xdg)
                : Paths.get(properties.getProperty("user.home", "."), ".cache");
        return base.resolve("robustlab").resolve("djl");
    }

    /**
     * Checks that DJL cannot reach the network with the current settings.
     *
     * @throws IllegalStateException when an environment variable turns offline mode or the telemetry opt-out
     *     off, which system properties cannot override
     */
    public static void checkOffline(Map<String, String> environment, Properties properties) {
        String offline = environment.getOrDefault(OFFLINE_ENVIRONMENT, properties.getProperty(OFFLINE));
        String optOut = environment.getOrDefault(OPT_OUT_TRACKING, properties.getProperty(OPT_OUT_TRACKING));
        if (!"true".equalsIgnoreCase(offline) || !"true".equalsIgnoreCase(optOut)) {
            throw new IllegalStateException("DJL not started, because these settings would let it reach the network ("
                    + OFFLINE_ENVIRONMENT + "/" + OFFLINE + "=" + offline + ", " + OPT_OUT_TRACKING + "=" + optOut
                    + "). Unset " + OFFLINE_ENVIRONMENT + " and " + OPT_OUT_TRACKING
                    + " in the environment, or set both to true.");
        }
    }

    /**
     * Returns DJL's PyTorch engine, loading libtorch on the first call.
     *
     * <p>The first call extracts the native libraries to the cache directory when they are not there yet. It holds
     * an exclusive lock on a file in that directory meanwhile, so processes that start at the same time extract
     * once and never load a half-written library. DJL looks up its engine and native resources through the
     * thread context class loader, so the load runs with this bundle's class loader as context.
     *
     * @throws IllegalStateException when the engine cannot be loaded, for example on a platform without a
     *     libtorch build in this bundle; later calls throw the same error
     */
    public static Engine engine() {
        Engine loaded = engine;
        if (loaded != null) {
            return loaded;
        }
        synchronized (START_LOCK) {
            if (engine == null && startFailure == null) {
                try {
                    engine = load();
                } catch (RuntimeException | LinkageError e) {
                    startFailure = new IllegalStateException(
                            "The PyTorch engine of DJL could not be loaded on " + System.getProperty("os.name") + " "
                                    + System.getProperty("os.arch") + ": " + e.getMessage(),
                            e);
                }
            }
            if (startFailure != null) {
                throw startFailure;
            }
            return engine;
        }
    }

    /** Returns the directory that libtorch was loaded from; loads the engine first if needed. */
    public static Path libtorchDirectory() {
        engine();
        return Paths.get(LibUtils.getLibtorchPath());
    }

    /** Runs {@code action} with this bundle's class loader as the thread context class loader. */
    public static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Engine load() {
        applyDefaults();
        checkOffline(System.getenv(), System.getProperties());
        Path cache = cacheDirectory();
        long start = System.nanoTime();
        Engine loaded = withCacheLock(cache, () -> withBundleClassLoader(() -> Engine.getEngine(ENGINE_NAME)));
        LOG.info(
                "Loaded {} {} from {} in {} ms",
                ENGINE_NAME,
                loaded.getVersion(),
                LibUtils.getLibtorchPath(),
                (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    private static Path cacheDirectory() {
        String environment = System.getenv("ENGINE_CACHE_DIR");
        if (environment == null || environment.isBlank()) {
            environment = System.getenv(CACHE_DIR);
        }
        String value = environment != null && !environment.isBlank() ? environment : System.getProperty(CACHE_DIR);
        return Paths.get(value).toAbsolutePath().resolve("pytorch");
    }

    private static <T> T withCacheLock(Path cache, Supplier<T> action) {
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(
                            cache.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Failed to lock the DJL cache directory " + cache + ": " + e.getMessage()
                            + ". Make it writable or point " + CACHE_DIR + " at a writable directory.",
                    e);
        }
    }

    private static void forceTrue(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value != null && !"true".equalsIgnoreCase(value)) {
            LOG.warn("Overriding {}={} with true: DJL must not reach the network", key, value);
        }
        properties.setProperty(key, "true");
    }
}
