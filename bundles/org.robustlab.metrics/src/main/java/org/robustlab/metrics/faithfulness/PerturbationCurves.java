package org.robustlab.metrics.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.Model;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.model.Branch;
import org.robustlab.metrics.MapArrays;
import org.robustlab.metrics.ModelScores;
import org.robustlab.metrics.statistics.Trapezoid;

/**
 * The deletion and insertion curves of every image for one model and saliency method.
 *
 * @param deletionAreas per image the area under the deletion curve, NaN for a map without contrast
 * @param insertionAreas per image the area under the insertion curve, NaN for a map without contrast
 * @param deletionCurves per image the deletion curve, null for a map without contrast
 * @param insertionCurves per image the insertion curve, null for a map without contrast
 * @param fractions the fractions of pixels removed or inserted at each point
 */
record PerturbationCurves(
        double[] deletionAreas,
        double[] insertionAreas,
        double[][] deletionCurves,
        double[][] insertionCurves,
        double[] fractions) {

    static PerturbationCurves compute(
            EvaluationInput input, String modelName, String method, DeletionInsertionMetric.Parameters parameters) {
        INDArray images = input.images().castTo(DataType.FLOAT);
        MapArrays maps = MapArrays.of(input.saliency(modelName, method), parameters.postprocessing());
        int count = (int) images.size(0);
        if (maps.maps().length != count) {
            throw new IllegalArgumentException(
                    "Method " + method + " has " + maps.maps().length + " maps for " + count + " images");
        }
        double[] fractions = new double[parameters.steps() + 1];
        Arrays.setAll(fractions, k -> (double) k / parameters.steps());
        INDArray deletionBase = parameters.deletionBaseline().create(images);
        INDArray insertionBase = parameters.insertionBaseline().create(images);
        double[][] weights = input.saliencyTargets().castTo(DataType.DOUBLE).toDoubleMatrix();
        Scorer scorer = new Scorer(input.model(modelName), input.branch(modelName), parameters);
        PerturbationCurves curves = new PerturbationCurves(
                new double[count], new double[count], new double[count][], new double[count][], fractions);
        for (int i = 0; i < count; i++) {
            double[] map = maps.maps()[i];
            if (MapArrays.isEmpty(map)) {
                curves.deletionAreas[i] = Double.NaN;
                curves.insertionAreas[i] = Double.NaN;
                continue;
            }
            int[] order = MapArrays.descendingOrder(map);
            INDArray image = images.get(NDArrayIndex.point(i));
            curves.deletionCurves[i] = scorer.curve(
                    sequence(image, deletionBase.get(NDArrayIndex.point(i)), order, fractions), weights[i]);
            curves.insertionCurves[i] = scorer.curve(
                    sequence(insertionBase.get(NDArrayIndex.point(i)), image, order, fractions), weights[i]);
            curves.deletionAreas[i] = Trapezoid.area(fractions, curves.deletionCurves[i]);
            curves.insertionAreas[i] = Trapezoid.area(fractions, curves.insertionCurves[i]);
        }
        return curves;
    }

    /**
     * Returns the images [K, C, H, W] that start from {@code start} and take the first {@code fraction} of the
     * pixels in {@code order}, in every channel, from {@code replacement}.
     */
    static INDArray sequence(INDArray start, INDArray replacement, int[] order, double[] fractions) {
        int channels = (int) start.size(0);
        int plane = (int) (start.size(1) * start.size(2));
        float[] current = start.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] source = replacement.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] all = new float[fractions.length * current.length];
        int done = 0;
        for (int k = 0; k < fractions.length; k++) {
            int target = (int) Math.round(fractions[k] * plane);
            for (; done < target; done++) {
                for (int c = 0; c < channels; c++) {
                    current[c * plane + order[done]] = source[c * plane + order[done]];
                }
            }
            System.arraycopy(current, 0, all, k * current.length, current.length);
        }
        return Nd4j.createFromArray(all).reshape(fractions.length, channels, start.size(1), start.size(2));
    }

    /** Returns the mean curve over the images with a curve, as (fraction, score) points. */
    List<double[]> meanDeletionCurve() {
        return mean(deletionCurves);
    }

    /** Returns the mean insertion curve over the images with a curve, as (fraction, score) points. */
    List<double[]> meanInsertionCurve() {
        return mean(insertionCurves);
    }

    private List<double[]> mean(double[][] perImage) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < fractions.length; k++) {
            double sum = 0;
            int n = 0;
            for (double[] curve : perImage) {
                if (curve != null) {
                    sum += curve[k];
                    n++;
                }
            }
            points.add(new double[] {fractions[k], n == 0 ? Double.NaN : sum / n});
        }
        return points;
    }

    /** Scores perturbed images of one model. */
    private record Scorer(Model model, Branch branch, DeletionInsertionMetric.Parameters parameters) {

        double[] curve(INDArray sequence, double[] weights) {
            INDArray outputs = parameters.score() == DeletionInsertionMetric.Score.PROBABILITY
                    ? ModelScores.probabilities(model, sequence, branch, parameters.batchSize())
                    : logits(sequence);
            double[][] rows = outputs.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] scores = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                for (int o = 0; o < weights.length; o++) {
                    scores[k] += weights[o] * rows[k][o];
                }
            }
            return scores;
        }

        private INDArray logits(INDArray sequence) {
            INDArray all =
                    Nd4j.create(DataType.DOUBLE, sequence.size(0), model.spec().outputs());
            for (long start = 0; start < sequence.size(0); start += parameters.batchSize()) {
                long end = Math.min(sequence.size(0), start + parameters.batchSize());
                all.get(NDArrayIndex.interval(start, end))
                        .assign(model.logits(sequence.get(NDArrayIndex.interval(start, end)), branch));
            }
            return all;
        }
    }
}
