package org.robustlab.attacks.fgsm;

import java.util.Random;

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
 * The fast gradient sign method (FGSM) and, for the L2 norm, the fast gradient method (FGM): one step along the
 * sign (L-infinity) or the unit-L2 direction (L2) of the gradient of the model's loss, up the loss for an
 * untargeted goal and down the loss towards the target for a targeted one. The loss is the model head's: softmax
 * cross-entropy or multi-label sigmoid binary cross-entropy.
 *
 * <p>Threat model: white-box; the attacker knows the input gradient of the loss and may move each image inside
 * the L-infinity or L2 ball of radius epsilon around it, within the valid pixel range. Cost: one gradient pass.
 *
 * <p>With {@link FgsmParameters#randomStart()}, the step starts at a uniform random point of the ball, clipped to
 * the valid range before the gradient is taken, and has size {@code stepScale * epsilon} before the projection
 * back onto the ball (RS-FGSM, the attack of "fast" adversarial training).
 *
 * @see <a href="https://arxiv.org/abs/1412.6572">Goodfellow, Shlens and Szegedy, Explaining and harnessing
 *     adversarial examples, ICLR 2015</a>
 * @see <a href="https://arxiv.org/abs/2001.03994">Wong, Rice and Kolter, Fast is better than free: revisiting
 *     adversarial training, ICLR 2020</a>
 */
@Component(service = AttackGenerator.class)
@ContributionMetadata(
        id = "fgsm",
        label = "FGSM / FGM",
        description = "Fast gradient sign method (L-infinity) or fast gradient method (L2): one gradient step of"
                + " size epsilon. White-box, bounded by an epsilon ball and the valid pixel range; optional"
                + " random start (RS-FGSM).")
public final class FgsmAttack implements AttackGenerator<FgsmParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(FgsmAttack.class);

    @Override
    public Class<FgsmParameters> parameterType() {
        return FgsmParameters.class;
    }

    /** Returns FGSM with the training epsilon of Han et al. (2021): L-infinity, 0.005 on [0, 1] inputs. */
    @Override
    public FgsmParameters defaultParameters() {
        return FgsmParameters.of(Norm.L_INFINITY, 0.005);
    }

    @Override
    public ThreatModel threatModel(FgsmParameters parameters) {
        return new ThreatModel(
                parameters.norm(), parameters.epsilon(), "white-box: one input gradient of the model's loss");
    }

    @Override
    public AttackResult generate(
            Model model, INDArray input, AttackGoal goal, FgsmParameters parameters, AttackContext context) {
        goal.validate(model, input, context);
        context.checkCanceled();
        Norm norm = parameters.norm();
        double epsilon = parameters.epsilon();
        if (epsilon == 0) {
            return new AttackResult(input.dup(), 0);
        }
        LOG.trace("FGSM step: norm {}, epsilon {}, random start {}", norm, epsilon, parameters.randomStart());

        INDArray start = parameters.randomStart()
                ? Perturbations.randomStart(
                        input, norm, epsilon, context.minValue(), context.maxValue(), new Random(context.seed()))
                : input;
        INDArray gradient =
                model.inputGradient(start, goal.loss(), goal.branch()).gradient();
        INDArray direction = norm == Norm.L_INFINITY ? Perturbations.sign(gradient) : Perturbations.unitL2(gradient);
        double step = parameters.stepScale() * epsilon * (goal.targeted() ? -1 : 1);

        INDArray candidate = start.add(direction.mul(step));
        INDArray adversarial =
                Perturbations.projectAndClip(input, candidate, norm, epsilon, context.minValue(), context.maxValue());
        return new AttackResult(adversarial, 1);
    }
}
