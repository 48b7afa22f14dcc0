package org.robustlab.training.modes;

import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Adversarial training of Madry et al.: the head's loss on adversarial images only, through the single batch
 * norm. The adversarial images come from any installed attack, run in inference mode; the default is the PGD
 * attack that Han et al. (2021) train with.
 *
 * @see <a href="https://arxiv.org/abs/1706.06083">Madry, Makelov, Schmidt, Tsipras and Vladu, Towards deep
 *     learning models resistant to adversarial attacks, ICLR 2018</a>
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "pgd",
        label = "PGD adversarial training",
        description = "Adversarial training (Madry et al. 2018): loss on adversarial images only, single batch norm;"
                + " the attack is any installed one, PGD with epsilon 0.005 by default.")
public final class PgdAdversarialTraining implements TrainingMode<AdversarialParameters> {

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
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "pgd");
        INDArray adversarial = AdversarialExamples.generate(
                model, batch, parameters.attack(), parameters.attackParameters(), Branch.CLEAN, context);
        LossTerm term = LossTerm.supervised(adversarial, batch.labels(), Branch.CLEAN, 1)
                .withLabelMask(batch.labelMask());
        return TrainingBatch.of(term);
    }
}
