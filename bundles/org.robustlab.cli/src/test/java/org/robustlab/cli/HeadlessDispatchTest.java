package org.robustlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

class HeadlessDispatchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandContext context() {
        return new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of("."),
                new NullProgressMonitor(),
                false);
    }

    @Test
    void contributionsCommandIsRegisteredAndListsRegistries() throws InterruptedException {
        Command command = service("contributions");

        int exit = command.run(List.of(), context());

        assertThat(exit).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("attack (")
                .contains("engine (")
                .contains("saliency method (");
    }

    @Test
    void contributionsCommandRejectsUnknownOption() throws InterruptedException {
        int exit = service("contributions").run(List.of("--colour"), context());

        assertThat(exit).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option --colour");
    }

    private static Command service(String name) throws InterruptedException {
        BundleContext bundleContext =
                FrameworkUtil.getBundle(HeadlessDispatchTest.class).getBundleContext();
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(bundleContext, Command.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (Object service : tracker.getServices() == null ? new Object[0] : tracker.getServices()) {
                    if (((Command) service).name().equals(name)) {
                        return (Command) service;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("Command " + name + " was not registered");
        } finally {
            tracker.close();
        }
    }
}
