package org.robustlab.ui.preferences;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Engine and memory settings of the workbench, kept in {@code settings.env} of the Robustlab home folder. The
 * {@code robustlab} start script reads that file before it starts Java, and a variable set in the environment
 * still wins, because each line has the form {@code NAME=${NAME:-value}}.
 *
 * @param engine id of the engine for new runs, for example {@code nd4j}
 * @param heap maximum Java heap, for example {@code 2g}
 * @param offHeap off-heap limit for ND4J arrays (JavaCPP maxbytes), for example {@code 4g}
 * @param threads intra-op threads of the engines; 0 means the number of processors
 */
public record WorkbenchSettings(String engine, String heap, String offHeap, int threads) {

    /** The file name in the Robustlab home folder. */
    public static final String FILE = "settings.env";

    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[mMgG]");

    private static final Pattern LINE = Pattern.compile("(ROBUSTLAB_[A-Z]+)=\\$\\{\\1:-([^}]*)}");

    /** The defaults of the start script. */
    public static final WorkbenchSettings DEFAULTS = new WorkbenchSettings("nd4j", "2g", "4g", 0);

    public WorkbenchSettings {
        if (engine == null || !engine.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("Invalid engine id '" + engine + "'; choose an installed engine");
        }
        checkSize("Java heap", heap);
        checkSize("Off-heap limit", offHeap);
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("Threads must be 0 (all processors) to 1024, got " + threads);
        }
    }

    /** Returns the settings file of a Robustlab home folder. */
    public static Path file(Path home) {
        return home.resolve(FILE);
    }

    /** Returns the Robustlab home folder: $ROBUSTLAB_HOME, else ~/.robustlab, as the start script uses it. */
    public static Path home() {
        String home = System.getenv("ROBUSTLAB_HOME");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".robustlab");
    }

    /** Reads the settings of {@code home}; the defaults where the file or a line is missing. */
    public static WorkbenchSettings read(Path home) throws IOException {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher matcher = LINE.matcher(line.strip());
            if (matcher.matches()) {
                values.put(matcher.group(1), matcher.group(2));
            }
        }
        String threads = values.getOrDefault("ROBUSTLAB_THREADS", "");
        return new WorkbenchSettings(
                values.getOrDefault("ROBUSTLAB_ENGINE", DEFAULTS.engine()),
                values.getOrDefault("ROBUSTLAB_HEAP", DEFAULTS.heap()),
                values.getOrDefault("ROBUSTLAB_OFFHEAP", DEFAULTS.offHeap()),
                threads.isEmpty() ? 0 : Integer.parseInt(threads));
    }

    /** Writes the settings to {@code settings.env} of {@code home}, replacing the file atomically. */
    public void write(Path home) throws IOException {
        Files.createDirectories(home);
        List<String> lines = new ArrayList<>();
        lines.add("# Written by the Robustlab workbench (Preferences > Engine and memory); read by the robustlab");
        lines.add("# start script. A variable set in the environment overrides the value here.");
        lines.add(line("ROBUSTLAB_ENGINE", engine));
        lines.add(line("ROBUSTLAB_HEAP", heap));
        lines.add(line("ROBUSTLAB_OFFHEAP", offHeap));
        if (threads > 0) {
            lines.add(line("ROBUSTLAB_THREADS", Integer.toString(threads)));
        }
        Path temporary = Files.createTempFile(home, FILE, ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file(home), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String line(String name, String value) {
        return name + "=${" + name + ":-" + value + "}";
    }

    private static void checkSize(String what, String value) {
        if (value == null || !SIZE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is invalid; write a size such as 512m or 4g");
        }
    }
}
