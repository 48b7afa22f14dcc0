package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingStateTest {

    @Test
    void lowerValidationLossBecomesBest() {
        TrainingState state = TrainingState.initial().after(1, 0.9, 2, 0).after(2, 0.7, 2, 0);

        assertThat(state.bestEpoch()).isEqualTo(2);
        assertThat(state.bestLoss()).isEqualTo(0.7);
        assertThat(state.epochsWithoutImprovement()).isZero();
    }

    @Test
    void patienceStopsAfterEpochsWithoutImprovement() {
        TrainingState state = TrainingState.initial().after(1, 0.5, 2, 0).after(2, 0.6, 2, 0);

        assertThat(state.stoppedEarly()).isFalse();
        state = state.after(3, 0.55, 2, 1);
        assertThat(state.stoppedEarly()).isTrue();
        assertThat(state.bestEpoch()).isEqualTo(1);
        assertThat(state.skippedSteps()).isEqualTo(1);
    }

    @Test
    void zeroPatienceNeverStops() {
        TrainingState state = TrainingState.initial();
        for (int epoch = 1; epoch <= 5; epoch++) {
            state = state.after(epoch, 1.0 + epoch, 0, 0);
        }

        assertThat(state.stoppedEarly()).isFalse();
        assertThat(state.bestEpoch()).isEqualTo(1);
    }

    @Test
    void withoutValidationNoEpochIsBest() {
        TrainingState state = TrainingState.initial().after(1, Double.NaN, 3, 0);

        assertThat(state.bestEpoch()).isZero();
        assertThat(state.stoppedEarly()).isFalse();
    }
}
