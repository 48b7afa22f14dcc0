package org.robustlab.lib.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class DjlRuntimeTest {

    @Test
    void defaultsForceOfflineAndOptOut() {
        Properties properties = new Properties();
        properties.setProperty(DjlRuntime.OFFLINE, "false");
        properties.setProperty("user.home", "/home/reader");

        DjlRuntime.applyDefaults(properties, Map.of(), 2);

        assertThat(properties.getProperty(DjlRuntime.OFFLINE)).isEqualTo("true");
        assertThat(properties.getProperty(DjlRuntime.OPT_OUT_TRACKING)).isEqualTo("true");
        assertThat(properties.getProperty(DjlRuntime.NUM_THREADS)).isEqualTo("2");
        assertThat(properties.getProperty(DjlRuntime.CACHE_DIR)).isEqualTo("/home/reader/.cache/robustlab/djl");
    }

    @Test
    void defaultsKeepUserCacheAndThreads() {
        Properties properties = new Properties();
        properties.setProperty(DjlRuntime.CACHE_DIR, "/data/djl");
        properties.setProperty(DjlRuntime.NUM_THREADS, "7");

        DjlRuntime.applyDefaults(properties, Map.of(), 2);

        assertThat(properties.getProperty(DjlRuntime.CACHE_DIR)).isEqualTo("/data/djl");
        assertThat(properties.getProperty(DjlRuntime.NUM_THREADS)).isEqualTo("7");
    }

    @Test
    void defaultCacheFollowsXdgCacheHome() {
        Properties properties = new Properties();

        DjlRuntime.applyDefaults(properties, Map.of("XDG_CACHE_HOME", "/var/cache/user"), 1);

        assertThat(Path.of(properties.getProperty(DjlRuntime.CACHE_DIR)))
                .isEqualTo(Path.of("/var/cache/user/robustlab/djl"));
    }

    @Test
    void cacheFromEnvironmentIsNotOverridden() {
        Properties properties = new Properties();

        DjlRuntime.applyDefaults(properties, Map.of(DjlRuntime.CACHE_DIR, "/env/cache"), 1);

        assertThat(properties.getProperty(DjlRuntime.CACHE_DIR)).isNull();
    }

    @Test
    void offlineCheckRejectsEnvironmentOverride() {
        Properties properties = new Properties();
        DjlRuntime.applyDefaults(properties, Map.of(), 1);

        assertThatThrownBy(() -> DjlRuntime.checkOffline(Map.of(DjlRuntime.OFFLINE_ENVIRONMENT, "false"), properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DJL_OFFLINE");
        assertThatThrownBy(() -> DjlRuntime.checkOffline(Map.of(DjlRuntime.OPT_OUT_TRACKING, "no"), properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPT_OUT_TRACKING");
    }

    @Test
    void offlineCheckAcceptsDefaults() {
        Properties properties = new Properties();
        DjlRuntime.applyDefaults(properties, Map.of(), 1);

        DjlRuntime.checkOffline(Map.of(), properties);

        assertThat(properties.getProperty(DjlRuntime.OFFLINE)).isEqualTo("true");
    }

    @Test
    void runningJvmHasNetworkSettings() {
        DjlRuntime.engine();

        assertThat(System.getProperty(DjlRuntime.OFFLINE)).isEqualTo("true");
        assertThat(System.getProperty(DjlRuntime.OPT_OUT_TRACKING)).isEqualTo("true");
    }

    @Test
    void engineWorksWithoutContextClassLoader() throws InterruptedException {
        float[] product = squareOnThread(null);

        assertThat(product).containsExactly(7f, 10f, 15f, 22f);
    }

    @Test
    void engineWorksWithForeignContextClassLoader() throws InterruptedException {
        float[] product = squareOnThread(ClassLoader.getSystemClassLoader());

        assertThat(product).containsExactly(7f, 10f, 15f, 22f);
    }

    @Test
    void engineIsPyTorch271() {
        Engine engine = DjlRuntime.engine();

        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(engine.getVersion()).isEqualTo("2.7.1");
        assertThat(DjlRuntime.libtorchDirectory().resolve("libtorch_cpu.so")).exists();
    }

    /** Squares [[1, 2], [3, 4]] on a new thread whose context class loader is {@code contextLoader}. */
    private static float[] squareOnThread(ClassLoader contextLoader) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
                NDArray matrix = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
                result.set(matrix.matMul(matrix).toFloatArray());
            } catch (RuntimeException | LinkageError e) {
                result.set(e);
            }
        });
        thread.setContextClassLoader(contextLoader);
        thread.start();
        thread.join();
        if (result.get() instanceof Throwable failure) {
            throw new AssertionError("Engine call failed", failure);
        }
        return (float[]) result.get();
    }
}
