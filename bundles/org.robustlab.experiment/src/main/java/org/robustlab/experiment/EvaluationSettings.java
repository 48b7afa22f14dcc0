package org.robustlab.experiment;

import org.robustlab.core.model.Branch;
import org.robustlab.core.parameter.Parameter;

/**
 * How an experiment evaluates its models.
 *
 * @param batchSize images per model pass during evaluation
 * @param baseline name of the model the others are compared with; empty for the first model
 * @param saliencyCases largest number of test images whose saliency maps are computed and scored; lesion-positive
 *     images are taken first when the dataset has masks
 * @param saliencyBranch the batch-norm branch through which dual-BN models are explained
 * @param gridCases number of test images in the saliency grid
 * @param bootstrap bootstrap resamples for the confidence intervals the runner computes itself
 */
public record EvaluationSettings(
        @Parameter(description = "Images per model pass during evaluation", unit = "images", min = 1, max = 4096)
        int batchSize,

        @Parameter(description = "Name of the model the others are compared with; empty for the first model")
        String baseline,

        @Parameter(
                description = "Largest number of test images whose saliency maps are computed; images with a"
                        + " ground-truth mask are taken first",
                unit = "images",
                min = 1,
                max = 100000)
        int saliencyCases,

        @Parameter(description = "Batch-norm branch through which dual-BN models are explained: clean or adversarial")
        Branch saliencyBranch,

        @Parameter(description = "Test images shown in the saliency grid", unit = "images", min = 1, max = 64)
        int gridCases,

        @Parameter(
                description = "Bootstrap resamples for the confidence intervals of paired differences",
                min = 100,
                max = 100000)
        int bootstrap) {

    public EvaluationSettings {
        baseline = baseline == null ? "" : baseline;
    }

    /** Returns batches of 32, 64 saliency cases through the clean branch, 6 grid cases, 1000 resamples. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(32, "", 64, Branch.CLEAN, 6, 1000);
    }
}
