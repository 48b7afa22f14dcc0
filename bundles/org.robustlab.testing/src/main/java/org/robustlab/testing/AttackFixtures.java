package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

/** Seeded images, labels and checks shared by attack tests. */
public final class AttackFixtures {

    private AttackFixtures() {}

    /**
     * Returns seeded images [N, C, H, W] uniform in [min, max], whose first row is {@code min} and last row is
     * {@code max} in every channel, so that every image touches both ends of the valid range, as collimator
     * edges and burned-in labels do on radiographs.
     */
    public static INDArray images(long seed, long[] shape, double min, double max) {
        Random random = new Random(seed);
        int batch = Math.toIntExact(shape[0]);
        int channels = Math.toIntExact(shape[1]);
        int height = Math.toIntExact(shape[2]);
        int width = Math.toIntExact(shape[3]);
        float[] values = new float[batch * channels * height * width];
        for (int i = 0; i < values.length; i++) {
            int row = i / width % height;
            double value = row == 0 ? min : row == height - 1 ? max : min + random.nextDouble() * (max - min);
            values[i] = (float) value;
        }
        return Nd4j.create(values, shape, 'c');
    }

    /**
     * Returns images [N, C, H, W] whose left half is {@code min} and right half is {@code max}: the input of the
     * random-start clipping case, where any unclipped start leaves the valid range.
     */
    public static INDArray halfAndHalf(long[] shape, double min, double max) {
        INDArray images = Nd4j.create(DataType.FLOAT, shape);
        int width = Math.toIntExact(shape[3]);
        for (long n = 0; n < shape[0]; n++) {
            for (long c = 0; c < shape[1]; c++) {
                for (long h = 0; h < shape[2]; h++) {
                    for (int w = 0; w < width; w++) {
                        images.putScalar(new long[] {n, c, h, w}, w < width / 2 ? min : max);
                    }
                }
            }
        }
        return images;
    }

    /**
     * Returns the model's own predictions as labels: one-hot rows of the top class for a softmax head, 0/1
     * rows of {@code logit > 0} for a sigmoid head.
     */
    public static INDArray predictedLabels(Model model, INDArray images, Branch branch) {
        double[][] logits = rows(model.logits(images, branch));
        double[][] labels = new double[logits.length][logits[0].length];
        for (int n = 0; n < logits.length; n++) {
            if (model.spec().head() == Head.SOFTMAX) {
                labels[n][argMax(logits[n])] = 1;
            } else {
                for (int k = 0; k < logits[n].length; k++) {
                    labels[n][k] = logits[n][k] > 0 ? 1 : 0;
                }
            }
        }
        return MatrixConversions.floats(labels, logits.length, logits[0].length);
    }

    /**
     * Returns targets that differ from {@code labels} in every image: the next class for one-hot rows, every
     * label flipped for 0/1 rows.
     */
    public static INDArray otherTargets(INDArray labels, Head head) {
        double[][] rows = rows(labels);
        double[][] targets = new double[rows.length][rows[0].length];
        for (int n = 0; n < rows.length; n++) {
            if (head == Head.SOFTMAX) {
                targets[n][(argMax(rows[n]) + 1) % rows[n].length] = 1;
            } else {
                for (int k = 0; k < rows[n].length; k++) {
                    targets[n][k] = 1 - rows[n][k];
                }
            }
        }
        return MatrixConversions.floats(targets, rows.length, rows[0].length);
    }

    /** Returns the head's loss against {@code labels}, summed over the batch. */
    public static double loss(Model model, INDArray images, INDArray labels, Branch branch) {
        return model.inputGradient(images, Objective.Loss.of(labels), branch)
                .objectives()
                .sumNumber()
                .doubleValue();
    }

    /**
     * Asserts that an attack result has the input's shape and type, is finite, lies in the valid range and, for
     * a bounded threat model, in the ball around {@code clean}.
     */
    public static void assertValid(AttackResult result, INDArray clean, ThreatModel threat, AttackContext context) {
        INDArray adversarial = result.adversarial();
        assertThat(adversarial).as("adversarial images").isNotNull().isNotSameAs(clean);
        assertThat(adversarial.shape()).as("shape").containsExactly(clean.shape());
        assertThat(adversarial.dataType()).as("data type").isEqualTo(DataType.FLOAT);
        double[] values = adversarial
                .castTo(DataType.DOUBLE)
                .dup('c')
                .reshape(adversarial.length())
                .toDoubleVector();
        assertThat(Arrays.stream(values).allMatch(Double::isFinite))
                .as("every value finite, threat %s", threat)
                .isTrue();
        assertThat(Arrays.stream(values).min().orElseThrow())
                .as("minimum value, threat %s", threat)
                .isGreaterThanOrEqualTo(context.minValue());
        assertThat(Arrays.stream(values).max().orElseThrow())
                .as("maximum value, threat %s", threat)
                .isLessThanOrEqualTo(context.maxValue());
        assertThat(result.gradientPasses()).as("gradient passes").isNotNegative();
        if (threat.norm() != Norm.UNBOUNDED) {
            double[] distances = Perturbations.norms(adversarial.sub(clean), threat.norm());
            for (int n = 0; n < distances.length; n++) {
                assertThat(threat.contains(distances[n]))
                        .as("image %d at distance %s inside %s", n, distances[n], threat)
                        .isTrue();
            }
        }
    }

    /** Asserts that two arrays have the same shape, type and bit-for-bit the same values. */
    public static void assertIdentical(INDArray actual, INDArray expected, String description) {
        assertThat(actual.shape()).as("shape of %s", description).containsExactly(expected.shape());
        assertThat(actual.dataType()).as("data type of %s", description).isEqualTo(expected.dataType());
        double[] actualValues =
                actual.castTo(DataType.DOUBLE).dup('c').reshape(actual.length()).toDoubleVector();
        double[] expectedValues = expected.castTo(DataType.DOUBLE)
                .dup('c')
                .reshape(expected.length())
                .toDoubleVector();
        assertThat(actualValues).as(description).containsExactly(expectedValues);
    }

    /** Returns the rows of a matrix [N, K] in float64. */
    public static double[][] rows(INDArray matrix) {
        int rows = Math.toIntExact(matrix.size(0));
        int columns = Math.toIntExact(matrix.length() / rows);
        return MatrixConversions.matrix(matrix.reshape('c', rows, columns), rows, columns, "matrix");
    }

    /** Returns the index of the largest value, the first one on ties. */
    public static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
