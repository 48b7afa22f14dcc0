package org.robustlab.core.attack;

import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-image norms, projections and steps shared by the attacks and the adversarial training modes. Every
 * operation treats dimension 0 as the batch and returns new arrays; inputs are not modified.
 */
public final class Perturbations {

    private Perturbations() {}

    /** Returns the per-image norm of {@code delta}, [N], in float64. */
    public static double[] norms(INDArray delta, Norm norm) {
        INDArray flat = flatten(delta).castTo(DataType.DOUBLE);
        INDArray result =
                switch (norm) {
                    case L_INFINITY -> Transforms.abs(flat, true).max(1);
                    case L2 -> scaledL2(flat);
                    case UNBOUNDED -> throw new IllegalArgumentException("An unbounded threat model has no norm");
                };
        return result.toDoubleVector();
    }

    /**
     * Returns the unit-L2 direction of each image's gradient, or zeros where the gradient is exactly zero.
     *
     * <p>The gradient is first divided by its largest absolute entry, so that squaring tiny values (1e-25 in
     * float32) cannot underflow to a zero norm and turn the division into NaN, nor shrink the step.
     */
    public static INDArray unitL2(INDArray gradient) {
        INDArray flat = flatten(gradient).castTo(DataType.DOUBLE);
        INDArray scale = Transforms.abs(flat, true).max(true, 1);
        INDArray safeScale = Transforms.max(scale, Double.MIN_NORMAL, true);
        INDArray scaled = flat.divColumnVector(safeScale);
        INDArray length = Transforms.max(scaled.norm2(true, 1), Double.MIN_NORMAL, false);
        INDArray direction = scaled.divColumnVector(length);
        INDArray nonZero = scale.gt(0).castTo(DataType.DOUBLE);
        return direction.mulColumnVector(nonZero).castTo(gradient.dataType()).reshape(gradient.shape());
    }

    /** Returns the sign of each gradient entry, 0 where the entry is 0. */
    public static INDArray sign(INDArray gradient) {
        return Transforms.sign(gradient, true);
    }

    /**
     * Projects each image's perturbation onto the ball of radius {@code epsilon} in {@code norm}: clamps for
     * L-infinity, rescales perturbations longer than {@code epsilon} for L2.
     */
    public static INDArray project(INDArray delta, Norm norm, double epsilon) {
        return switch (norm) {
            case L_INFINITY -> Transforms.min(Transforms.max(delta, -epsilon, true), epsilon, false);
            case L2 -> projectL2(delta, epsilon);
            case UNBOUNDED -> delta.dup();
        };
    }

    /** Returns {@code x} clamped to [min, max]. */
    public static INDArray clip(INDArray x, double min, double max) {
        return Transforms.min(Transforms.max(x, min, true), max, false);
    }

    /**
     * Returns {@code clean + delta} projected onto the ball around {@code clean} and then clipped to the valid
     * range. The clipped result stays in the ball: clipping moves each pixel towards {@code clean}'s value,
     * which is itself valid.
     */
    public static INDArray projectAndClip(
            INDArray clean, INDArray candidate, Norm norm, double epsilon, double min, double max) {
        INDArray delta = project(candidate.sub(clean), norm, epsilon);
        return clip(clean.add(delta), min, max);
    }

    /**
     * Returns a random point of the ball around {@code clean}, clipped to the valid range: uniform per pixel in
     * [-epsilon, epsilon] for L-infinity, uniform in the ball's volume for L2.
     */
    public static INDArray randomStart(
            INDArray clean, Norm norm, double epsilon, double min, double max, Random random) {
        long size = clean.length();
        long perImage = size / clean.size(0);
        float[] values = new float[Math.toIntExact(size)];
        if (norm == Norm.L_INFINITY) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * epsilon);
            }
        } else if (norm == Norm.L2) {
            fillUniformL2Ball(values, perImage, epsilon, random);
        }
        INDArray delta = Nd4j.create(values, clean.shape(), 'c').castTo(clean.dataType());
        return clip(clean.add(delta), min, max);
    }

    /**
     * Returns, per image, the image of {@code whenTrue} where {@code mask} is set and of {@code whenFalse}
     * elsewhere. Both arrays have the same shape, with the batch in dimension 0.
     */
    public static INDArray select(boolean[] mask, INDArray whenTrue, INDArray whenFalse) {
        if (mask.length != whenTrue.size(0) || !Arrays.equals(whenTrue.shape(), whenFalse.shape())) {
            throw new IllegalArgumentException("mask of " + mask.length + " images does not fit arrays of shape "
                    + Arrays.toString(whenTrue.shape()) + " and "
                    + Arrays.toString(whenFalse.shape()));
        }
        int perImage = Math.toIntExact(whenTrue.length() / mask.length);
        double[] result = flatValues(whenFalse);
        double[] replacement = flatValues(whenTrue);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                System.arraycopy(replacement, i * perImage, result, i * perImage, perImage);
            }
        }
        return Nd4j.create(result, whenTrue.shape(), 'c').castTo(whenTrue.dataType());
    }

    private static double[] flatValues(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').reshape(array.length()).toDoubleVector();
    }

    private static void fillUniformL2Ball(float[] values, long perImage, double epsilon, Random random) {
        int dimension = Math.toIntExact(perImage);
        for (int start = 0; start < values.length; start += dimension) {
            double sumOfSquares = 0;
            double[] direction = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                direction[i] = random.nextGaussian();
                sumOfSquares += direction[i] * direction[i];
            }
            double radius = epsilon * Math.pow(random.nextDouble(), 1.0 / dimension) / Math.sqrt(sumOfSquares);
            for (int i = 0; i < dimension; i++) {
                values[start + i] = (float) (direction[i] * radius);
            }
        }
    }

    private static INDArray projectL2(INDArray delta, double epsilon) {
        INDArray flat = flatten(delta).castTo(DataType.DOUBLE);
        double[] lengths = scaledL2(flat).toDoubleVector();
        double[] factors = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            factors[i] = lengths[i] > epsilon ? epsilon / lengths[i] : 1.0;
        }
        INDArray scale = Nd4j.createFromArray(factors).reshape(factors.length, 1);
        return flat.mulColumnVector(scale).castTo(delta.dataType()).reshape(delta.shape());
    }

    /** Returns the per-row L2 norm computed without underflow, [N]. */
    private static INDArray scaledL2(INDArray flat) {
        INDArray scale = Transforms.abs(flat, true).max(true, 1);
        INDArray safeScale = Transforms.max(scale, Double.MIN_NORMAL, true);
        return flat.divColumnVector(safeScale).norm2(1).mul(scale.reshape(-1));
    }

    private static INDArray flatten(INDArray batch) {
        return batch.reshape('c', batch.size(0), batch.length() / batch.size(0));
    }
}
