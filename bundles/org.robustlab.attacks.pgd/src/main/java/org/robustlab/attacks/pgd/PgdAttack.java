package org.robustlab.attacks.pgd;

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
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projected gradient descent (PGD): repeated gradient steps on the model's loss, each followed by a projection
 * onto the epsilon ball around the clean image and a clip to the valid range. An untargeted attack climbs the loss
 * of the true labels; a targeted attack descends the loss of the target labels. The loss is the model head's:
 * softmax cross-entropy, or multi-label sigmoid binary cross-entropy with the goal's label mask, as in the
 * adversarial training of Han et al. (2021). With one iteration, step size epsilon and no random start, PGD is
 * FGSM (L-infinity) or FGM (L2).
 *
 * <p>Threat model: white-box; the attacker knows the input gradient of the loss and may move each image inside the
 * L-infinity or L2 ball of radius epsilon around it, within the valid pixel range. Cost: {@code iterations}
 * gradient passes per restart, plus one pass to score each restart when there are several.
 *
 * <p>A random start is clipped to the valid range before the first gradient, so the model never sees an image
 * outside it. Early stop freezes an image once the logits of its last gradient pass meet the goal; the batch still
 * runs as a whole until every image has succeeded.
 *
 * @see <a href="https://arxiv.org/abs/1706.06083">Madry, Makelov, Schmidt, Tsipras and Vladu, Towards deep
 *     learning models resistant to adversarial attacks, ICLR 2018</a>
 * @see <a href="https://arxiv.org/abs/1611.01236">Kurakin, Goodfellow and Bengio, Adversarial machine learning
 *     at scale, ICLR 2017</a> (the iterative method without random start)
 */
@Component(service = AttackGenerator.class)
@ContributionMetadata(
        id = "pgd",
        label = "PGD",
        description = "Projected gradient descent (Madry et al. 2018) in the L-infinity or L2 ball: iterative"
                + " gradient steps with projection and clipping, optional random start, early stop and restarts."
                + " White-box, bounded by an epsilon ball and the valid pixel range.")
public final class PgdAttack implements AttackGenerator<PgdParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(PgdAttack.class);

    @Override
    public Class<PgdParameters> parameterType() {
        return PgdParameters.class;
    }

    /**
     * Returns the evaluation attack of Han et al. (2021): L-infinity, epsilon 0.005 and step 0.0025 on [0, 1]
     * inputs, 10 iterations, no random start.
     */
    @Override
    public PgdParameters defaultParameters() {
        return PgdParameters.of(Norm.L_INFINITY, 0.005, 0.0025, 10, false);
    }

    @Override
    public ThreatModel threatModel(PgdParameters parameters) {
        return new ThreatModel(
                parameters.norm(), parameters.epsilon(), "white-box: input gradients of the model's loss");
    }

    @Override
    public AttackResult generate(
            Model model, INDArray input, AttackGoal goal, PgdParameters parameters, AttackContext context) {
        goal.validate(model, input, context);
        context.checkCanceled();
        if (parameters.epsilon() == 0) {
            return new AttackResult(input.dup(), 0);
        }
        LOG.trace("PGD: {}", parameters);

        Random random = new Random(context.seed());
        Run first = run(model, input, goal, parameters, context, random);
        if (parameters.restarts() == 1) {
            return new AttackResult(first.adversarial(), first.passes());
        }
        int passes = first.passes() + 1;
        Scored best = score(model, goal, first.adversarial(), context);
        for (int restart = 1; restart < parameters.restarts(); restart++) {
            Run next = run(model, input, goal, parameters, context, random);
            passes += next.passes() + 1;
            best = stronger(best, score(model, goal, next.adversarial(), context), goal.targeted());
        }
        return new AttackResult(best.adversarial(), passes);
    }

    /** The final images of one run and the gradient passes it spent. */
    private record Run(INDArray adversarial, int passes) {}

    /** Images with, per image, whether they meet the goal and their loss. */
    private record Scored(INDArray adversarial, boolean[] achieved, double[] losses) {}

    private Run run(
            Model model,
            INDArray input,
            AttackGoal goal,
            PgdParameters parameters,
            AttackContext context,
            Random random) {
        double min = context.minValue();
        double max = context.maxValue();
        Norm norm = parameters.norm();
        INDArray adversarial = parameters.randomStart()
                ? Perturbations.randomStart(input, norm, parameters.epsilon(), min, max, random)
                : input.dup();
        boolean[] done = new boolean[Math.toIntExact(input.size(0))];
        double step = parameters.stepSize() * (goal.targeted() ? -1 : 1);
        int passes = 0;
        for (int iteration = 0; iteration < parameters.iterations(); iteration++) {
            context.checkCanceled();
            GradientResult result = model.inputGradient(adversarial, goal.loss(), goal.branch());
            passes++;
            if (parameters.earlyStop()
                    && markAchieved(
                            done, goal.achieved(result.logits(), model.spec().head()))) {
                LOG.trace("PGD stopped early after {} of {} iterations", iteration, parameters.iterations());
                break;
            }
            INDArray gradient = result.gradient();
            INDArray direction =
                    norm == Norm.L_INFINITY ? Perturbations.sign(gradient) : Perturbations.unitL2(gradient);
            INDArray next = Perturbations.projectAndClip(
                    input, adversarial.add(direction.muli(step)), norm, parameters.epsilon(), min, max);
            adversarial = Perturbations.select(done, adversarial, next);
        }
        return new Run(adversarial, passes);
    }

    /** Adds the newly achieved images to {@code done}; returns whether every image is done. */
    private static boolean markAchieved(boolean[] done, boolean[] achieved) {
        boolean all = true;
        for (int i = 0; i < done.length; i++) {
            done[i] |= achieved[i];
            all &= done[i];
        }
        return all;
    }

    private static Scored score(Model model, AttackGoal goal, INDArray adversarial, AttackContext context) {
        context.checkCanceled();
        GradientResult result = model.inputGradient(adversarial, goal.loss(), goal.branch());
        return new Scored(
                adversarial,
                goal.achieved(result.logits(), model.spec().head()),
                result.objectives().toDoubleVector());
    }

    /** Returns, per image, the run that meets the goal, or else the one with the higher (targeted: lower) loss. */
    private static Scored stronger(Scored first, Scored second, boolean targeted) {
        int count = first.achieved().length;
        boolean[] takeSecond = new boolean[count];
        boolean[] achieved = new boolean[count];
        double[] losses = new double[count];
        for (int i = 0; i < count; i++) {
            if (first.achieved()[i] != second.achieved()[i]) {
                takeSecond[i] = second.achieved()[i];
            } else {
                double gain = second.losses()[i] - first.losses()[i];
                takeSecond[i] = targeted ? gain < 0 : gain > 0;
            }
            achieved[i] = takeSecond[i] ? second.achieved()[i] : first.achieved()[i];
            losses[i] = takeSecond[i] ? second.losses()[i] : first.losses()[i];
        }
        INDArray adversarial = Perturbations.select(takeSecond, second.adversarial(), first.adversarial());
        return new Scored(adversarial, achieved, losses);
    }
}
