package org.robustlab.integration.tests;

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
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;

/** {@code robustlab contributions} with every built-in contribution bundle installed. */
class ContributionsCommandTest {

    @Test
    void columnsAlignForLongestId() throws InterruptedException {
        Command command = contributionsCommand();
        String output = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!output.contains("parameter-randomization") && System.nanoTime() < deadline) {
            output = listing(command);
        }

        // Each contribution row ends with its bundle's symbolic name and version, all in one column, even after
        // ids longer than most, such as parameter-randomization.
        List<String> rows = output.lines().filter(line -> line.startsWith("  ")).toList();
        List<Integer> bundleColumns = rows.stream()
                .map(line -> line.indexOf(" org.robustlab."))
                .distinct()
                .toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("parameter-randomization"));
        assertThat(bundleColumns).hasSize(1);
        assertThat(bundleColumns.get(0)).isGreaterThan("  parameter-randomization".length());
    }

    private static String listing(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Path.of("."),
                new NullProgressMonitor(),
                false);
        assertThat(command.run(List.of(), context)).isEqualTo(Command.OK);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Command contributionsCommand() throws InterruptedException {
        BundleContext context =
                FrameworkUtil.getBundle(ContributionsCommandTest.class).getBundleContext();
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, Command.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (Object service : tracker.getServices() == null ? new Object[0] : tracker.getServices()) {
                    if (((Command) service).name().equals("contributions")) {
                        return (Command) service;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no 'contributions' command registered within 30 s");
        } finally {
            tracker.close();
        }
    }
}
