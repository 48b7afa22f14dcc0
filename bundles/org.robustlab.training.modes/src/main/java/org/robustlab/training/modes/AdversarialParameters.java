package org.robustlab.training.modes;

import java.util.Map;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the training modes that train on adversarial images of one installed attack.
 *
 * @param attack id of the installed attack that generates the adversarial images, for example {@code pgd}
 * @param attackParameters the attack's parameters, bound onto its defaults; keys the attack does not know are
 *     rejected when the first batch is prepared
 */
public record AdversarialParameters(
        @Parameter(description = "Id of the attack that generates the adversarial images")
        String attack,

        @Parameter(description = "Parameters of that attack; omitted ones keep the attack's defaults")
        Map<String, Object> attackParameters) {

    /**
     * The training attack of Han et al. (2021) on [0, 1] inputs: PGD in L-infinity with epsilon 0.005, step 0.0025,
     * 10 iterations and a random start.
     */
    public static final Map<String, Object> PAPER_PGD =
            Map.of("norm", "l-infinity", "epsilon", 0.005, "stepSize", 0.0025, "iterations", 10, "randomStart", true);

    public AdversarialParameters {
        AdversarialExamples.requireAttack(attack, attackParameters);
        attackParameters = Map.copyOf(attackParameters);
    }
}
