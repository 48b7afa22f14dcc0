package org.robustlab.training.modes;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

/**
 * Mixed clean and adversarial training with a single batch norm: the clean and the adversarial images are
 * concatenated into one batch of twice the size, so batch norm normalises both with shared statistics, and the
 * loss is the mean over all of them. This is the single-BN counterpart that dual batch norm is compared with.
 *
 * @see <a href="https://arxiv.org/abs/1906.03787">Xie and Yuille, Intriguing properties of adversarial training
 *     at scale, ICLR 2020</a> (on mixing clean and adversarial statistics in one batch norm)
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "mixed",
        label = "Mixed clean and adversarial",
        description = "Clean and adversarial images concatenated in one forward pass through a single batch norm;"
                + " the attack is any installed one, PGD with epsilon 0.005 by default.")
public final class MixedTraining implements TrainingMode<AdversarialParameters> {

    @Override
    public Class<AdversarialParameters> parameterType() {
        return AdversarialParameters.class;
    }

    @Override
    public AdversarialParameters defaultParameters() {
        return new AdversarialParameters("pgd", AdversarialParameters.PAPER_PGD);
    }

    @Override
    public Normalization normalization(AdversarialParameters parameters) {
        return Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(
            Model model, Batch batch, AdversarialParameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "mixed");
        INDArray adversarial = AdversarialExamples.generate(
                model, batch, parameters.attack(), parameters.attackParameters(), Branch.CLEAN, context);

        INDArray inputs = Nd4j.concat(0, batch.inputs(), adversarial);
        INDArray labels = Nd4j.concat(0, batch.labels(), batch.labels());
        INDArray mask = batch.labelMask() == null ? null : Nd4j.concat(0, batch.labelMask(), batch.labelMask());
        return TrainingBatch.of(
                LossTerm.supervised(inputs, labels, Branch.CLEAN, 1).withLabelMask(mask));
    }
}
