package org.robustlab.core.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.engine.Model;

/**
 * An adversarial attack contribution.
 *
 * <p>Contract, checked by the contract tests of {@code org.robustlab.testing}:
 * <ul>
 *   <li>the result lies inside the threat model's ball around the clean input (for a bounded norm) and inside
 *       the valid pixel range;</li>
 *   <li>an epsilon of 0 returns the clean input unchanged;</li>
 *   <li>the result is finite, whatever the gradients (zero, tiny or huge);</li>
 *   <li>the model is only queried through {@link Model}'s inference-mode methods, so its weights and both
 *       branches' running statistics stay unchanged;</li>
 *   <li>the same seed gives the same result.</li>
 * </ul>
 *
 * @param <P> the attack's parameter record
 */
public interface AttackGenerator<P extends Record> extends Configurable<P> {

    /** Returns the threat model that {@code parameters} define. */
    ThreatModel threatModel(P parameters);

    /**
     * Generates adversarial examples for a batch.
     *
     * @param model the model to attack
     * @param input clean images [N, C, H, W] inside {@code context}'s valid range
     * @param goal the labels, whether the attack is targeted, and the batch-norm branch to attack through
     * @param parameters the attack's parameters
     * @param context valid range, seed and progress monitor
     */
    AttackResult generate(Model model, INDArray input, AttackGoal goal, P parameters, AttackContext context);
}
