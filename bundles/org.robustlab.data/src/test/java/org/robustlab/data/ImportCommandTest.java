package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;

/** {@code robustlab import} through its registered Command service. */
class ImportCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void importPrintsCountsPerSplitAndLabel() throws Exception {
        int code = run(
                "fashion-mnist",
                Fixtures.fashionMnist().toString(),
                "--size",
                "16",
                "--param",
                "limit=20",
                "--cache",
                "cache");

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Command.OK);
        assertThat(output).contains("40 samples, 0 skipped");
        assertThat(output).contains("T-shirt/top").contains("Ankle boot");
        assertThat(Files.list(folder.resolve("cache"))).hasSize(1);
    }

    @Test
    void unknownLayoutIsInvalidUsage() throws Exception {
        int code = run("no-such-layout", folder.toString(), "--cache", "cache");

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-layout");
        assertThat(folder.resolve("cache")).doesNotExist();
    }

    @Test
    void missingFolderIsInvalidInputAndWritesNothing() throws Exception {
        int code = run("chexpert", "missing-folder", "--cache", "cache");

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("missing-folder")
                .contains("not found");
        assertThat(folder.resolve("cache")).doesNotExist();
    }

    @Test
    void invalidLayoutFolderIsInvalidInput() throws Exception {
        Files.createDirectories(folder.resolve("empty"));

        int code = run("chexpert", "empty", "--cache", "cache");

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("train.csv is missing");
    }

    private int run(String... arguments) throws InterruptedException {
        Command command =
                Fixtures.service(Command.class, candidate -> candidate.name().equals("import"));
        CommandContext context = new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                folder,
                new NullProgressMonitor(),
                false);
        return command.run(List.of(arguments), context);
    }
}
