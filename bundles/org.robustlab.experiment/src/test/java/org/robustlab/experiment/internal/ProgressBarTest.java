package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.TrainingProgress;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private final AtomicLong clock = new AtomicLong();

    private ProgressBar bar(boolean interactive) {
        return new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), interactive, clock::get);
    }

    private static TrainingProgress progress(int epoch, int batch, boolean endOfEpoch) {
        return new TrainingProgress(
                "run", "pgd", epoch, 4, batch, 10, Map.of("total", 0.5), 0.75, 0.5, Double.NaN, 32, 0, endOfEpoch);
    }

    @Test
    void etaExtrapolatesElapsedTime() {
        ProgressBar bar = bar(true);
        bar.trainingProgress(progress(1, 1, false));
        clock.set(30_000_000_000L);

        String line = bar.describe(progress(1, 10, false));

        assertThat(line).contains("pgd epoch 1/4").contains(" 25%").contains("ETA 1m 30s");
        assertThat(line).contains("total 0.5000").contains("acc 0.750").contains("adv-acc 0.500");
    }

    @Test
    void terminalRedrawsOneLine() {
        ProgressBar bar = bar(true);

        bar.trainingProgress(progress(1, 1, false));
        bar.trainingProgress(progress(1, 2, false));

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("\r").doesNotContain("\n");
        assertThat(output.chars().filter(c -> c == '\r').count()).isEqualTo(2);
    }

    @Test
    void logPrintsOnlyEpochEnds() {
        ProgressBar bar = bar(false);

        bar.trainingProgress(progress(1, 5, false));
        bar.trainingProgress(progress(1, 10, true));

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).contains("epoch 1/4").doesNotContain("\r");
    }

    @Test
    void phaseEventShowsRunFraction() {
        bar(false).runEvent(new RunEvent("run", RunEvent.Kind.PHASE_STARTED, "train model 1/3", 0.25));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("==> train model 1/3 [ 25% of the run]\n");
    }

    @Test
    void durationFormatsHoursMinutesSeconds() {
        assertThat(ProgressBar.duration(42)).isEqualTo("42s");
        assertThat(ProgressBar.duration(187)).isEqualTo("3m 07s");
        assertThat(ProgressBar.duration(3720)).isEqualTo("1h 02m");
    }
}
