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
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;

/**
 * Adversarial training with dual batch normalization (Han et al. 2021): the attack runs in inference mode through
 * the adversarial branch; then the clean batch goes through the clean branch and the adversarial batch through the
 * adversarial branch, each a forward pass with its own batch statistics, and their losses are summed for one
 * optimizer step. Convolutions and dense layers are shared; each branch has its own batch-norm scale, shift and
 * running statistics.
 *
 * @see <a href="https://doi.org/10.1038/s41467-021-24464-3">Han et al., Advancing diagnostic performance and
 *     clinical usability of neural networks via adversarial training and dual batch normalization, Nature
 *     Communications 12, 4315 (2021)</a>
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "dual-bn",
        label = "Dual batch norm",
        description = "Adversarial training with dual batch norm (Han et al. 2021): clean images through the clean"
                + " branch, adversarial images through the adversarial branch, summed loss; the attack runs through"
                + " the adversarial branch.")
public final class DualBatchNormTraining implements TrainingMode<DualBatchNormTraining.Parameters> {

    /**
     * Parameters of dual batch-norm training.
     *
     * @param attack id of the installed attack that generates the adversarial images
     * @param attackParameters that attack's parameters, bound onto its defaults
     * @param cleanWeight factor of the clean loss in the sum; 1 in the paper
     * @param adversarialWeight factor of the adversarial loss in the sum; 1 in the paper
     */
    public record Parameters(
            @Parameter(description = "Id of the attack that generates the adversarial images")
            String attack,

            @Parameter(description = "Parameters of that attack; omitted ones keep the attack's defaults")
            Map<String, Object> attackParameters,

            @Parameter(description = "Factor of the clean loss in the summed loss", min = 0)
            double cleanWeight,

            @Parameter(description = "Factor of the adversarial loss in the summed loss", min = 0)
            double adversarialWeight) {

        public Parameters {
            AdversarialExamples.requireAttack(attack, attackParameters);
            attackParameters = Map.copyOf(attackParameters);
            if (!(cleanWeight >= 0 && adversarialWeight >= 0 && cleanWeight + adversarialWeight > 0)
                    || !Double.isFinite(cleanWeight + adversarialWeight)) {
                throw new IllegalArgumentException("cleanWeight and adversarialWeight must be finite, >= 0 and not"
                        + " both 0, got " + cleanWeight + " and " + adversarialWeight);
            }
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters("pgd", AdversarialParameters.PAPER_PGD, 1, 1);
    }

    @Override
    public Normalization normalization(Parameters parameters) {
        return Normalization.DUAL;
    }

    @Override
    public TrainingBatch prepare(Model model, Batch batch, Parameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.DUAL, "dual-bn");
        INDArray adversarial = AdversarialExamples.generate(
                model, batch, parameters.attack(), parameters.attackParameters(), Branch.ADVERSARIAL, context);
        LossTerm clean = LossTerm.supervised(batch.inputs(), batch.labels(), Branch.CLEAN, parameters.cleanWeight())
                .withLabelMask(batch.labelMask());
        LossTerm attacked = LossTerm.supervised(
                        adversarial, batch.labels(), Branch.ADVERSARIAL, parameters.adversarialWeight())
                .withLabelMask(batch.labelMask());
        return TrainingBatch.of(clean, attacked);
    }
}
