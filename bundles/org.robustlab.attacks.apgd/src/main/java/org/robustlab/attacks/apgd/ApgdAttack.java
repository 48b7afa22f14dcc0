package org.robustlab.attacks.apgd;

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
 * Auto-PGD on the model's loss (APGD-CE for softmax heads; binary cross-entropy for multi-label sigmoid heads):
 * PGD with momentum and a step size that adapts itself. The step size starts at {@code 2 * epsilon}; at checkpoints
 * that get closer together, an image whose loss rose in fewer than {@code rho} of the steps since the last
 * checkpoint, or whose step size and best loss did not change since it, halves its step size and restarts from its
 * best iterate. Each image returns the last iterate that met the goal, or else the iterate of highest loss.
 * Targeted goals descend the loss of the targets.
 *
 * <p>Threat model: white-box; the attacker knows the input gradient of the loss and may move each image inside the
 * L-infinity or L2 ball of radius epsilon around it, within the valid pixel range. Cost: {@code iterations}
 * gradient passes per restart.
 *
 * @see <a href="https://arxiv.org/abs/2003.01690">Croce and Hein, Reliable evaluation of adversarial robustness
 *     with an ensemble of diverse parameter-free attacks, ICML 2020</a>
 */
@Component(service = AttackGenerator.class)
@ContributionMetadata(
        id = "apgd",
        label = "APGD",
        description = "Auto-PGD (Croce and Hein 2020) on the model's loss: momentum and a step size halved at"
                + " checkpoints when progress stalls. White-box, bounded by an L-infinity or L2 epsilon ball and the"
                + " valid pixel range.")
public final class ApgdAttack implements AttackGenerator<ApgdParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(ApgdAttack.class);

    @Override
    public Class<ApgdParameters> parameterType() {
        return ApgdParameters.class;
    }

    /** Returns APGD-CE with 100 iterations in L-infinity at the training epsilon of Han et al. (2021), 0.005. */
    @Override
    public ApgdParameters defaultParameters() {
        return ApgdParameters.of(Norm.L_INFINITY, 0.005, 100);
    }

    @Override
    public ThreatModel threatModel(ApgdParameters parameters) {
        return new ThreatModel(
                parameters.norm(), parameters.epsilon(), "white-box: input gradients of the model's loss");
    }

    @Override
    public AttackResult generate(
            Model model, INDArray input, AttackGoal goal, ApgdParameters parameters, AttackContext context) {
        goal.validate(model, input, context);
        context.checkCanceled();
        if (parameters.epsilon() == 0) {
            return new AttackResult(input.dup(), 0);
        }
        LOG.trace("APGD: {}", parameters);

        Random random = new Random(context.seed());
        ApgdRun best = new ApgdRun(model, input, goal, parameters, context);
        best.run(random);
        INDArray adversarial = best.adversarial();
        int passes = best.passes();
        boolean[] achieved = best.achieved();
        double[] losses = best.bestLoss();
        for (int restart = 1; restart < parameters.restarts(); restart++) {
            ApgdRun next = new ApgdRun(model, input, goal, parameters, context);
            next.run(random);
            passes += next.passes();
            boolean[] takeNext = new boolean[achieved.length];
            boolean[] nextAchieved = next.achieved();
            double[] nextLosses = next.bestLoss();
            for (int n = 0; n < achieved.length; n++) {
                takeNext[n] = achieved[n] != nextAchieved[n] ? nextAchieved[n] : nextLosses[n] > losses[n];
                achieved[n] = takeNext[n] ? nextAchieved[n] : achieved[n];
                losses[n] = takeNext[n] ? nextLosses[n] : losses[n];
            }
            adversarial = Perturbations.select(takeNext, next.adversarial(), adversarial);
        }
        return new AttackResult(adversarial, passes);
    }
}
