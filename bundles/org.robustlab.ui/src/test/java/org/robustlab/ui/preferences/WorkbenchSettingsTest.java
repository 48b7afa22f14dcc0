package org.robustlab.ui.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchSettingsTest {

    @TempDir
    Path home;

    @Test
    void settingsRoundTripThroughTheFile() throws Exception {
        new WorkbenchSettings("pytorch", "6g", "12g", 8).write(home);

        assertThat(WorkbenchSettings.read(home)).isEqualTo(new WorkbenchSettings("pytorch", "6g", "12g", 8));
        assertThat(Files.readAllLines(home.resolve("settings.env")))
                .contains(
                        "ROBUSTLAB_HEAP=${ROBUSTLAB_HEAP:-6g}",
                        "ROBUSTLAB_OFFHEAP=${ROBUSTLAB_OFFHEAP:-12g}",
                        "ROBUSTLAB_THREADS=${ROBUSTLAB_THREADS:-8}");
    }

    @Test
    void shellKeepsEnvironmentOverSavedValue() throws Exception {
        new WorkbenchSettings("nd4j", "6g", "12g", 0).write(home);
        ProcessBuilder shell = new ProcessBuilder(
                        "sh", "-c", ". ./settings.env; echo $ROBUSTLAB_HEAP $ROBUSTLAB_OFFHEAP")
                .directory(home.toFile())
                .redirectErrorStream(true);
        shell.environment().put("ROBUSTLAB_HEAP", "3g");
        shell.environment().remove("ROBUSTLAB_OFFHEAP");
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();

        assertThat(process.waitFor()).isZero();
        assertThat(output).isEqualTo("3g 12g");
    }

    @Test
    void missingFileGivesDefaults() throws Exception {
        assertThat(WorkbenchSettings.read(home)).isEqualTo(WorkbenchSettings.DEFAULTS);
    }

    @Test
    void invalidSizesAreRejectedWithTheField() {
        assertThatThrownBy(() -> new WorkbenchSettings("nd4j", "lots", "4g", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Java heap 'lots' is invalid");
        assertThatThrownBy(() -> new WorkbenchSettings("nd4j", "2g", "4g", -1)).hasMessageContaining("Threads");
    }
}
