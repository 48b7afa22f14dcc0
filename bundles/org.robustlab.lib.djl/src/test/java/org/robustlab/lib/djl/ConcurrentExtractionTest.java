package org.robustlab.lib.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs that start at the same moment with an empty cache must all load libtorch, and the cache must end up
 * with complete libraries and no leftover temporary folders.
 */
class ConcurrentExtractionTest {

    private static final int PROCESSES = 3;

    private static final String LIBTORCH_ENTRY = "pytorch/cpu/linux-x86_64/libtorch_cpu.so";

    private Path cache;

    @BeforeEach
    void createEmptyCache() throws IOException {
        Files.createDirectories(ChildJvm.testCacheRoot());
        cache = Files.createTempDirectory(ChildJvm.testCacheRoot(), "concurrent");
    }

    @AfterEach
    void deleteCache() throws IOException {
        try (Stream<Path> paths = Files.walk(cache)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void simultaneousStartsShareOneExtraction() throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Path log = cache.resolveSibling(cache.getFileName() + "-" + i + ".log");
            logs.add(log);
            processes.add(ChildJvm.start(ChildJvm.command(List.of(), cache), log));
        }

        for (int i = 0; i < PROCESSES; i++) {
            ChildJvm.Result result = ChildJvm.finish(processes.get(i), logs.get(i));
            assertThat(result.exitCode())
                    .as("process %d: %s", i, result.output())
                    .isZero();
            assertThat(result.output()).as("process %d", i).contains("product [7.0, 10.0, 15.0, 22.0]");
            Files.delete(logs.get(i));
        }
        Path libraries = onlyLibraryDirectory();
        assertExtractedLikeJarEntry(libraries.resolve("libtorch_cpu.so"));
        assertThat(libraries.resolve("0.36.0-libdjl_torch.so")).isRegularFile();
    }

    private Path onlyLibraryDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(cache.resolve("pytorch"))) {
            List<Path> directories = entries.filter(Files::isDirectory).toList();
            assertThat(directories)
                    .as("folders in the cache, temporary ones included")
                    .hasSize(1);
            return directories.get(0);
        }
    }

    private static void assertExtractedLikeJarEntry(Path extracted) throws IOException {
        try (ZipFile jar = new ZipFile(
                ChildJvm.bundleDirectory().resolve("lib/pytorch-native.jar").toFile())) {
            ZipEntry entry = jar.getEntry(LIBTORCH_ENTRY);
            assertThat(Files.size(extracted)).isEqualTo(entry.getSize());
            assertThat(crc32(extracted)).isEqualTo(entry.getCrc());
        }
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }
}
