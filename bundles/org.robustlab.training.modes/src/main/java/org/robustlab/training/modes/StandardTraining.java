package org.robustlab.training.modes;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;

/** Standard training: the head's loss on the clean images, through the single batch norm. */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "standard",
        label = "Standard",
        description = "Standard training on clean images with single batch norm; the baseline of every comparison.")
public final class StandardTraining implements TrainingMode<StandardTraining.Parameters> {

    /** Standard training has no parameters. */
    public record Parameters() {}

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters();
    }

    @Override
    public Normalization normalization(Parameters parameters) {
        return Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(Model model, Batch batch, Parameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "standard");
        LossTerm clean = LossTerm.supervised(batch.inputs(), batch.labels(), Branch.CLEAN, 1)
                .withLabelMask(batch.labelMask());
        return TrainingBatch.of(clean);
    }
}
