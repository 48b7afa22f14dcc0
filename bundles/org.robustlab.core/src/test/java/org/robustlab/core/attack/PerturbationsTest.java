package org.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PerturbationsTest {

    @Test
    void unitL2OfTinyGradientDoesNotUnderflow() {
        INDArray gradient = Nd4j.valueArrayOf(new long[] {1, 1, 4, 4}, 1e-25f);

        INDArray direction = Perturbations.unitL2(gradient);

        assertThat(direction.dataType()).isEqualTo(DataType.FLOAT);
        for (float value : direction.reshape(16).toFloatVector()) {
            assertThat(value).isCloseTo(0.25f, within(1e-6f));
        }
    }

    @Test
    void unitL2OfZeroGradientIsZero() {
        INDArray direction = Perturbations.unitL2(Nd4j.zeros(DataType.FLOAT, 2, 1, 3, 3));

        assertThat(direction.amaxNumber().doubleValue()).isZero();
    }

    @Test
    void l2NormOfTinyValuesIsExact() {
        double[] norms = Perturbations.norms(Nd4j.valueArrayOf(new long[] {1, 1, 4, 4}, 1e-25f), Norm.L2);

        assertThat(norms[0]).isCloseTo(4e-25, within(1e-31));
    }

    @Test
    void projectL2ShrinksOnlyLongPerturbations() {
        INDArray delta =
                Nd4j.createFromArray(new float[][] {{3, 4}, {0.3f, 0.4f}}).reshape(2, 1, 1, 2);

        INDArray projected = Perturbations.project(delta, Norm.L2, 1.0);

        assertThat(projected.getFloat(0, 0, 0, 0)).isCloseTo(0.6f, within(1e-6f));
        assertThat(projected.getFloat(0, 0, 0, 1)).isCloseTo(0.8f, within(1e-6f));
        assertThat(projected.getFloat(1, 0, 0, 0)).isCloseTo(0.3f, within(1e-7f));
    }

    @Test
    void randomStartStaysInBallAndRange() {
        INDArray clean = Nd4j.create(DataType.FLOAT, 4, 1, 8, 8);
        clean.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))
                .assign(1);

        for (Norm norm : new Norm[] {Norm.L_INFINITY, Norm.L2}) {
            INDArray start = Perturbations.randomStart(clean, norm, 0.1, 0, 1, new Random(1));

            assertThat(start.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(start.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
            for (double distance : Perturbations.norms(start.sub(clean), norm)) {
                assertThat(distance).isLessThanOrEqualTo(0.1 + 1e-6);
            }
        }
    }
}
