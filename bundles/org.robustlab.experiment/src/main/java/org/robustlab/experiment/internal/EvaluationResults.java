package org.robustlab.experiment.internal;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;

/**
 * What the evaluation of a run produced, for the report.
 *
 * @param testLabels the labels of the test images, [N, outputs], unknown labels NaN
 * @param cleanScores each model's probabilities on the clean test images
 * @param robustness each model's probabilities under each attack budget
 * @param saliency the saliency cases and maps, or {@code null} when no saliency method is configured
 * @param metrics the metric results under every condition
 */
record EvaluationResults(
        INDArray testLabels,
        Map<String, INDArray> cleanScores,
        List<RobustPoint> robustness,
        SaliencySet saliency,
        List<MetricRecord> metrics) {

    /**
     * Scores under one attack budget.
     *
     * @param sweep index of the attack sweep in the experiment
     * @param attack the attack id
     * @param epsilon the budget
     * @param dualBranch the branch dual-BN models were attacked through
     * @param scores probabilities per model
     */
    record RobustPoint(int sweep, String attack, double epsilon, Branch dualBranch, Map<String, INDArray> scores) {}

    /**
     * The saliency cases.
     *
     * @param positions positions of the cases in the test split
     * @param images the images, [n, C, H, W]
     * @param masks the ground-truth masks, [n, H, W], or {@code null}
     * @param targets the class weights explained, [n, outputs]
     * @param maps the raw maps [n, H, W] by model and method
     */
    record SaliencySet(
            List<Integer> positions,
            INDArray images,
            INDArray masks,
            INDArray targets,
            Map<String, Map<String, INDArray>> maps) {}
}
