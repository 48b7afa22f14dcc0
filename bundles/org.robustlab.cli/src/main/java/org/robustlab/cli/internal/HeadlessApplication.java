package org.robustlab.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;

/**
 * The {@code robustlab <command> ...} entry point: finds the command among the registered {@link Command}
 * services and runs it. Ctrl-C cancels the running command through its progress monitor and waits for it to
 * stop, so that files being written are completed.
 */
public final class HeadlessApplication implements IApplication {

    private static final long SHUTDOWN_GRACE_SECONDS = 60;

    private final NullProgressMonitor monitor = new NullProgressMonitor();

    @Override
    public Object start(IApplicationContext application) {
        String[] raw = (String[]) application.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        List<String> arguments = raw == null ? List.of() : Arrays.asList(raw);
        BundleContext bundleContext =
                FrameworkUtil.getBundle(HeadlessApplication.class).getBundleContext();
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(bundleContext, Command.class, null);
        tracker.open();
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> cancelAndWait(worker), "robustlab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CommandContext context = new CommandContext(
                    System.out, System.err, Path.of("").toAbsolutePath(), monitor, System.console() != null);
            return dispatch(arguments, commands(tracker), context);
        } finally {
            tracker.close();
            removeHook(hook);
        }
    }

    @Override
    public void stop() {
        monitor.setCanceled(true);
    }

    static int dispatch(List<String> arguments, List<Command> commands, CommandContext context) {
        if (arguments.isEmpty()
                || List.of("-h", "--help", "help").contains(arguments.get(0)) && arguments.size() == 1) {
            context.out().print(Usage.overview(commands));
            return arguments.isEmpty() ? Command.USAGE : Command.OK;
        }
        String name = arguments.get(0);
        if (name.equals("--version") || name.equals("version")) {
            context.out().print(VersionText.describe());
            return Command.OK;
        }
        if (name.equals("help")) {
            return help(arguments.get(1), commands, context);
        }
        Optional<Command> command = find(name, commands);
        if (command.isEmpty()) {
            context.err().println("Unknown command '" + name + "'. Run 'robustlab --help' for the list of commands.");
            context.err().print(Usage.overview(commands));
            return Command.USAGE;
        }
        List<String> options = List.copyOf(arguments.subList(1, arguments.size()));
        if (options.size() == 1 && List.of("-h", "--help").contains(options.get(0))) {
            context.out().println(command.get().usage());
            return Command.OK;
        }
        return command.get().run(options, context);
    }

    private static int help(String name, List<Command> commands, CommandContext context) {
        Optional<Command> command = find(name, commands);
        if (command.isEmpty()) {
            context.err().println("Unknown command '" + name + "'. Run 'robustlab --help' for the list of commands.");
            return Command.USAGE;
        }
        context.out().println(command.get().usage());
        return Command.OK;
    }

    private static Optional<Command> find(String name, List<Command> commands) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    private static List<Command> commands(ServiceTracker<Command, Command> tracker) {
        List<Command> commands = new ArrayList<>();
        Object[] services = tracker.getServices();
        if (services != null) {
            for (Object service : services) {
                commands.add((Command) service);
            }
        }
        commands.sort(Comparator.comparing(Command::name));
        return commands;
    }

    private void cancelAndWait(Thread worker) {
        monitor.setCanceled(true);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is running or has run.
        }
    }
}
