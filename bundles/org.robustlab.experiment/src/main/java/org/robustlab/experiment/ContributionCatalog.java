package org.robustlab.experiment;

import java.util.Objects;

import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.metric.EvaluationMetrics;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.core.training.TrainingModes;

/**
 * The contribution registries an experiment draws on.
 *
 * @param importers dataset importers
 * @param engines deep-learning engines
 * @param architectures model architectures
 * @param modes training modes
 * @param attacks attack generators
 * @param saliency saliency methods
 * @param metrics evaluation metrics
 */
public record ContributionCatalog(
        DatasetImporters importers,
        Engines engines,
        ModelArchitectures architectures,
        TrainingModes modes,
        AttackGenerators attacks,
        SaliencyMethods saliency,
        EvaluationMetrics metrics) {

    public ContributionCatalog {
        Objects.requireNonNull(importers, "importers");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(architectures, "architectures");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(attacks, "attacks");
        Objects.requireNonNull(saliency, "saliency");
        Objects.requireNonNull(metrics, "metrics");
    }
}
