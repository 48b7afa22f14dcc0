package org.robustlab.lib.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that starting the PyTorch engine with the product's settings opens no network connection: the engine
 * starts in a child JVM under {@code strace}, which records every {@code connect} system call of every thread.
 * When the kernel allows it, the child also runs in a new network namespace without interfaces, so a regression
 * could not reach any host even while this test reports it.
 */
class EngineStartNetworkTest {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStartNetworkTest.class);

    /** A connect to a Unix socket or to the loopback interface stays on this machine. */
    private static final Pattern LOCAL_CONNECT =
            Pattern.compile("sa_family=AF_UNIX|inet_addr\\(\"127\\.|inet_pton\\(AF_INET6, \"::1\"");

    @Test
    void engineStartOpensNoSocket() throws IOException, InterruptedException {
        assertThat(ChildJvm.works("strace", "-V"))
                .as("strace is needed to watch the engine start; install it with apt-get install strace")
                .isTrue();
        Files.createDirectories(ChildJvm.testCacheRoot());
        Path trace = Files.createTempFile(ChildJvm.testCacheRoot(), "connect", ".strace");
        Path log = Files.createTempFile(ChildJvm.testCacheRoot(), "child", ".log");
        List<String> wrapper = new ArrayList<>();
        if (ChildJvm.works("unshare", "-n", "true")) {
            wrapper.addAll(List.of("unshare", "-n"));
        } else {
            LOG.warn("unshare -n is not permitted here; the child JVM runs in the host network namespace");
        }
        wrapper.addAll(List.of("strace", "-f", "-qq", "-e", "trace=connect,execve", "-o", trace.toString()));
        Path cache = Path.of(System.getProperty(DjlRuntime.CACHE_DIR));

        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(ChildJvm.command(wrapper, cache), log), log);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("product [7.0, 10.0, 15.0, 22.0]");
        List<String> traced = Files.readAllLines(trace);
        assertThat(traced)
                .as("strace must have followed the child JVM")
                .anyMatch(line -> line.contains("execve(") && line.contains("bin/java"));
        List<String> connects =
                traced.stream().filter(line -> line.contains("connect(")).toList();
        assertThat(connects)
                .as("connect() calls of the engine start")
                .allMatch(line -> LOCAL_CONNECT.matcher(line).find());
        Files.delete(trace);
        Files.delete(log);
    }
}
