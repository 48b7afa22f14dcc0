package org.robustlab.experiment;

import java.util.List;
import java.util.Objects;

/**
 * What an experiment measures once its models are trained.
 *
 * @param settings batch size, baseline model, saliency cases and grid size
 * @param attacks the attacks with their epsilon sweeps, for robust AUROC and accuracy
 * @param saliency the saliency methods to compute on the test images
 * @param metrics the evaluation metrics, each computed on the clean test set or on the saliency cases
 */
public record EvaluationSection(
        EvaluationSettings settings,
        List<AttackSweep> attacks,
        List<ContributionChoice> saliency,
        List<ContributionChoice> metrics) {

    public EvaluationSection {
        Objects.requireNonNull(settings, "settings");
        attacks = List.copyOf(attacks);
        saliency = List.copyOf(saliency);
        metrics = List.copyOf(metrics);
    }
}
