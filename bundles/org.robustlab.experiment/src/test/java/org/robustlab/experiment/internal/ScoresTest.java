package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Head;

/** Expected values are computed by hand from the definitions of softmax, sigmoid and the two losses. */
class ScoresTest {

    @Test
    void softmaxCrossEntropyMatchesDefinition() {
        var logits = Nd4j.createFromArray(new float[][] {{1, 2, 3}});
        var labels = Nd4j.createFromArray(new float[][] {{0, 0, 1}});

        double loss = Scores.summedLoss(logits, labels, Head.SOFTMAX);

        double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        assertThat(loss).isCloseTo(expected, within(1e-6));
        assertThat(Scores.probabilities(logits, Head.SOFTMAX).getDouble(0, 2))
                .isCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-6));
    }

    @Test
    void binaryCrossEntropySkipsUnknownLabels() {
        var logits = Nd4j.createFromArray(new float[][] {{0, 2}});
        var labels = Nd4j.createFromArray(new float[][] {{1, Float.NaN}});

        double loss = Scores.summedLoss(logits, labels, Head.SIGMOID);

        assertThat(loss).isCloseTo(Math.log(2), within(1e-6));
    }

    @Test
    void binaryCrossEntropyIsStableForLargeLogits() {
        var logits = Nd4j.createFromArray(new float[][] {{-100}});
        var labels = Nd4j.createFromArray(new float[][] {{1}});

        assertThat(Scores.summedLoss(logits, labels, Head.SIGMOID)).isCloseTo(100, within(1e-6));
    }

    @Test
    void correctCountsArgmaxAndThresholds() {
        var logits = Nd4j.createFromArray(new float[][] {{0.1f, 0.9f}, {2, -1}});
        var oneHot = Nd4j.createFromArray(new float[][] {{0, 1}, {0, 1}});
        var multiLabel = Nd4j.createFromArray(new float[][] {{1, 1}, {1, 0}});

        assertThat(Scores.correct(logits, oneHot, Head.SOFTMAX)).isEqualTo(1);
        assertThat(Scores.correct(logits, multiLabel, Head.SIGMOID)).isEqualTo(2);
    }
}
