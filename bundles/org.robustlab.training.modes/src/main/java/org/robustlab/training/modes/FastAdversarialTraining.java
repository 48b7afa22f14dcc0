package org.robustlab.training.modes;

import java.util.Map;

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
 * "Fast" adversarial training of Wong et al.: the head's loss on adversarial images from one FGSM step with a
 * random start (uniform in the epsilon ball, clipped to the valid range, step 1.25 epsilon, projected back), single
 * batch norm. The attack is generated in inference mode, whereas the authors' code keeps the network in training
 * mode while attacking.
 *
 * @see <a href="https://arxiv.org/abs/2001.03994">Wong, Rice and Kolter, Fast is better than free: revisiting
 *     adversarial training, ICLR 2020</a>
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "fast",
        label = "Fast adversarial training",
        description = "Fast adversarial training (Wong et al. 2020): loss on RS-FGSM images (random start, step"
                + " 1.25 epsilon), single batch norm; about twice the cost of standard training.")
public final class FastAdversarialTraining implements TrainingMode<AdversarialParameters> {

    @Override
    public Class<AdversarialParameters> parameterType() {
        return AdversarialParameters.class;
    }

    /** Returns RS-FGSM with the training epsilon of Han et al. (2021), 0.005 on [0, 1] inputs. */
    @Override
    public AdversarialParameters defaultParameters() {
        return new AdversarialParameters(
                "fgsm", Map.of("norm", "l-infinity", "epsilon", 0.005, "randomStart", true, "stepScale", 1.25));
    }

    @Override
    public Normalization normalization(AdversarialParameters parameters) {
        return Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(
            Model model, Batch batch, AdversarialParameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "fast");
        INDArray adversarial = AdversarialExamples.generate(
                model, batch, parameters.attack(), parameters.attackParameters(), Branch.CLEAN, context);
        LossTerm term = LossTerm.supervised(adversarial, batch.labels(), Branch.CLEAN, 1)
                .withLabelMask(batch.labelMask());
        return TrainingBatch.of(term);
    }
}
