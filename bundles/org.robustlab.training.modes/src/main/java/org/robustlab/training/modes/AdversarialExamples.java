package org.robustlab.training.modes;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingModeContext;

/** Runs the attack that a training mode names on a batch, and the checks the modes share. */
final class AdversarialExamples {

    private AdversarialExamples() {}

    /**
     * Returns adversarial images for a batch: the installed attack {@code attackId}, with {@code attackParameters}
     * bound onto its defaults, run untargeted away from the batch's labels through {@code branch}, with a seed
     * drawn from the run's random source. The model is used in inference mode only.
     *
     * @throws org.robustlab.core.contribution.UnknownContributionException when no attack has that id
     * @throws org.robustlab.core.parameter.InvalidParameterException when a setting does not fit the attack
     */
    static INDArray generate(
            Model model,
            Batch batch,
            String attackId,
            Map<String, Object> attackParameters,
            Branch branch,
            TrainingModeContext context) {
        AttackGenerator<?> attack = context.attacks().get(attackId);
        AttackContext attackContext = new AttackContext(
                context.minValue(), context.maxValue(), context.random().nextLong(), context.monitor());
        AttackGoal goal = new AttackGoal(batch.labels(), batch.labelMask(), false, branch);
        return run(attack, model, batch.inputs(), goal, attackParameters, attackContext);
    }

    private static <P extends Record> INDArray run(
            AttackGenerator<P> attack,
            Model model,
            INDArray inputs,
            AttackGoal goal,
            Map<String, Object> settings,
            AttackContext context) {
        P parameters = ParameterBinder.bind(attack.defaultParameters(), settings, "attackParameters");
        return attack.generate(model, inputs, goal, parameters, context).adversarial();
    }

    /** Checks that the model was built with the normalization the mode trains. */
    static void requireNormalization(Model model, Normalization expected, String mode) {
        Normalization actual = model.spec().normalization();
        if (actual != expected) {
            throw new IllegalArgumentException("Training mode '" + mode + "' needs a network with "
                    + expected.name().toLowerCase(java.util.Locale.ROOT) + " batch norm, but "
                    + model.spec().architecture() + " was built with "
                    + actual.name().toLowerCase(java.util.Locale.ROOT) + "; build it with the mode's normalization");
        }
    }

    /** Checks the id and settings of the attack a mode names. */
    static void requireAttack(String attack, Map<String, Object> attackParameters) {
        if (attack == null || attack.isBlank()) {
            throw new IllegalArgumentException(
                    "attack must name an installed attack, for example pgd, got '" + attack + "'");
        }
        if (attackParameters == null) {
            throw new IllegalArgumentException("attackParameters must be a mapping, possibly empty, got null");
        }
    }
}
