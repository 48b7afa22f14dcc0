package org.robustlab.attacks.cw;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Carlini-Wagner L2 attack: minimises {@code ||x' - x||^2 + c * f(x')} with Adam in the tanh space, which keeps
 * every candidate inside the valid range without clipping, and finds the constant c per image by binary search.
 * f is the paper's margin on the logits with confidence kappa (see {@link CwMargin}, which also defines the
 * multi-label form for sigmoid heads). Each image returns its successful candidate of smallest L2 distance, or the
 * clean image when no candidate met the goal.
 *
 * <p>Threat model: white-box; the attacker knows the logits and their input gradients and searches for a minimal L2
 * perturbation within the valid range. Unbounded by default; with a finite epsilon the result is projected onto the
 * L2 ball, so it may no longer meet the goal. Cost per Adam step: one forward pass and, while some image's margin
 * is active, one gradient pass.
 *
 * @see <a href="https://arxiv.org/abs/1608.04644">Carlini and Wagner, Towards evaluating the robustness of neural
 *     networks, IEEE S&amp;P 2017</a>
 */
@Component(service = AttackGenerator.class)
@ContributionMetadata(
        id = "cw",
        label = "Carlini-Wagner L2",
        description = "Carlini-Wagner L2 (2017): Adam in tanh space on distance plus c times a logit margin, binary"
                + " search over c. White-box, minimal L2 perturbation, unbounded unless epsilon is set; targeted or"
                + " untargeted, softmax or multi-label sigmoid heads.")
public final class CwAttack implements AttackGenerator<CwParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(CwAttack.class);

    @Override
    public Class<CwParameters> parameterType() {
        return CwParameters.class;
    }

    /**
     * Returns confidence 0, learning rate 0.01, 100 steps, 9 binary-search steps from c = 0.001 with early abort,
     * unbounded: a shorter search per constant than the long runs of Carlini and Wagner.
     */
    @Override
    public CwParameters defaultParameters() {
        return new CwParameters(0, 0.01, 100, 9, 1e-3, true, Double.POSITIVE_INFINITY);
    }

    @Override
    public ThreatModel threatModel(CwParameters parameters) {
        String knowledge = "white-box: logits and their input gradients";
        return parameters.bounded()
                ? new ThreatModel(Norm.L2, parameters.epsilon(), knowledge)
                : new ThreatModel(Norm.UNBOUNDED, 0, knowledge + "; minimal L2 perturbation");
    }

    @Override
    public AttackResult generate(
            Model model, INDArray input, AttackGoal goal, CwParameters parameters, AttackContext context) {
        goal.validate(model, input, context);
        context.checkCanceled();
        if (parameters.epsilon() == 0) {
            return new AttackResult(input.dup(), 0);
        }
        LOG.trace("Carlini-Wagner L2: {}", parameters);

        CwSearch search = new CwSearch(model, input, goal, parameters, context);
        search.run();
        INDArray adversarial = search.adversarial();
        if (parameters.bounded()) {
            adversarial = Perturbations.projectAndClip(
                    input, adversarial, Norm.L2, parameters.epsilon(), context.minValue(), context.maxValue());
        }
        return new AttackResult(adversarial, search.passes());
    }
}
