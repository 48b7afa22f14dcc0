package org.robustlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Checks the schedules against the closed forms in PyTorch's documentation of its schedulers. */
class LearningRateScheduleTest {

    @Test
    void multiStepDropsByGammaAtEachMilestone() {
        LearningRateSchedule schedule = new LearningRateSchedule.MultiStep(List.of(2, 4), 0.1);

        double[] rates = IntStream.range(0, 6)
                .mapToDouble(epoch -> schedule.rate(0.5, epoch))
                .toArray();

        assertThat(rates).containsExactly(new double[] {0.5, 0.5, 0.05, 0.05, 0.005, 0.005}, within(1e-15));
    }

    @Test
    void cosineFallsFromBaseToMinimumOverThePeriod() {
        LearningRateSchedule schedule = new LearningRateSchedule.Cosine(4, 0.01);

        assertThat(schedule.rate(1.0, 0)).isEqualTo(1.0);
        assertThat(schedule.rate(1.0, 1)).isCloseTo(0.01 + 0.99 * (1 + Math.sqrt(0.5)) / 2, within(1e-15));
        assertThat(schedule.rate(1.0, 2)).isCloseTo(0.505, within(1e-15));
        assertThat(schedule.rate(1.0, 4)).isEqualTo(0.01);
        assertThat(schedule.rate(1.0, 9)).isEqualTo(0.01);
    }

    @Test
    void constantKeepsTheBaseRate() {
        assertThat(new LearningRateSchedule.Constant().rate(0.3, 17)).isEqualTo(0.3);
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertThatThrownBy(() -> new LearningRateSchedule.MultiStep(List.of(4, 2), 0.1))
                .hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> new LearningRateSchedule.MultiStep(List.of(2), 1.5))
                .hasMessageContaining("gamma");
        assertThatThrownBy(() -> new LearningRateSchedule.Cosine(0, 0)).hasMessageContaining("period");
    }
}
