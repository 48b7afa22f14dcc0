package org.robustlab.lib.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@code EngineCheck} in a plain child JVM with the DJL network settings, optionally under a wrapper. */
final class ChildJvm {

    private static final String CHECK_CLASS = "org.robustlab.lib.djl.internal.EngineCheck";

    private ChildJvm() {}

    /** Output and exit status of a finished child. */
    record Result(int exitCode, String output) {}

    static Path bundleDirectory() {
        return Path.of(requiredProperty("robustlab.djl.bundle"));
    }

    static Path testCacheRoot() {
        return Path.of(requiredProperty("robustlab.djl.testCache"));
    }

    /** Returns the command that runs the engine check with {@code cacheDir} as DJL's cache. */
    static List<String> command(List<String> wrapper, Path cacheDir) {
        Path bundle = bundleDirectory();
        String classpath = String.join(
                ":",
                bundle.resolve("target/classes").toString(),
                bundle.resolve("lib/*").toString(),
                Path.of(requiredProperty("robustlab.djl.childClasspath"))
                        .resolve("*")
                        .toString());
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx512m",
                "-D" + DjlRuntime.OFFLINE + "=true",
                "-D" + DjlRuntime.OPT_OUT_TRACKING + "=true",
                "-D" + DjlRuntime.CACHE_DIR + "=" + cacheDir,
                "-D" + DjlRuntime.NUM_THREADS + "=1",
                "-cp",
                classpath,
                CHECK_CLASS));
        return command;
    }

    /** Starts {@code command} with the DJL environment settings; output goes to {@code log}. */
    static Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(DjlRuntime.OPT_OUT_TRACKING, "true");
        builder.environment().remove(DjlRuntime.OFFLINE_ENVIRONMENT);
        builder.environment().remove("PYTORCH_LIBRARY_PATH");
        builder.environment().remove("PYTORCH_VERSION");
        builder.environment().remove("ENGINE_CACHE_DIR");
        builder.environment().remove(DjlRuntime.CACHE_DIR);
        return builder.start();
    }

    /** Waits at most two minutes for {@code process} and returns its status and output. */
    static Result finish(Process process, Path log) throws IOException, InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Child JVM timed out after 2 minutes; output:\n" + read(log));
        }
        return new Result(process.exitValue(), read(log));
    }

    /** Returns whether {@code command} runs and exits with status 0. */
    static boolean works(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
