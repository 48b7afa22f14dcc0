package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.engine.Model;

/** Checks that the contract test fails for attacks with the faults it exists to catch, and passes a sound one. */
class AttackGeneratorContractSelfTest {

    /** A fault built into {@link FlawedAttack}. */
    enum Flaw {
        NONE,
        /** The random start goes to the model without clipping to the valid range. */
        UNCLIPPED_RANDOM_START,
        /** The L2 step divides by a float32 norm that underflows for tiny gradients. */
        UNDERFLOWING_L2_STEP,
        /** The step is not projected back onto the epsilon ball. */
        NO_PROJECTION,
        /** The attack moves the caller's input array in place. */
        IN_PLACE
    }

    record FlawedParameters(Norm norm, double epsilon, boolean randomStart) {}

    /** One FGSM-style step with a random start, and optionally one fault. */
    static final class FlawedAttack implements AttackGenerator<FlawedParameters> {

        private final Flaw flaw;

        FlawedAttack(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        public Class<FlawedParameters> parameterType() {
            return FlawedParameters.class;
        }

        @Override
        public FlawedParameters defaultParameters() {
            return new FlawedParameters(Norm.L_INFINITY, 0.1, false);
        }

        @Override
        public ThreatModel threatModel(FlawedParameters parameters) {
            return new ThreatModel(parameters.norm(), parameters.epsilon(), "white-box: one input gradient");
        }

        @Override
        public AttackResult generate(
                Model model, INDArray input, AttackGoal goal, FlawedParameters parameters, AttackContext context) {
            goal.validate(model, input, context);
            context.checkCanceled();
            double epsilon = parameters.epsilon();
            if (epsilon == 0) {
                return new AttackResult(input.dup(), 0);
            }
            INDArray start = start(input, parameters, context);
            INDArray gradient =
                    model.inputGradient(start, goal.loss(), goal.branch()).gradient();
            INDArray direction = direction(gradient, parameters.norm());
            INDArray candidate = start.add(direction.mul(goal.targeted() ? -epsilon / 2 : epsilon / 2));
            if (flaw == Flaw.IN_PLACE) {
                input.addi(direction.mul(epsilon / 2));
            }
            INDArray adversarial = flaw == Flaw.NO_PROJECTION
                    ? Perturbations.clip(candidate.add(direction.mul(epsilon)), context.minValue(), context.maxValue())
                    : Perturbations.projectAndClip(
                            input, candidate, parameters.norm(), epsilon, context.minValue(), context.maxValue());
            return new AttackResult(adversarial, 1);
        }

        private INDArray start(INDArray input, FlawedParameters parameters, AttackContext context) {
            if (!parameters.randomStart()) {
                return input;
            }
            Random random = new Random(context.seed());
            double halfEpsilon = parameters.epsilon() / 2;
            if (flaw == Flaw.UNCLIPPED_RANDOM_START) {
                float[] noise = new float[Math.toIntExact(input.length())];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) ((random.nextDouble() * 2 - 1) * halfEpsilon);
                }
                return input.add(Nd4j.create(noise, input.shape(), 'c'));
            }
            return Perturbations.randomStart(
                    input, parameters.norm(), halfEpsilon, context.minValue(), context.maxValue(), random);
        }

        private INDArray direction(INDArray gradient, Norm norm) {
            if (norm == Norm.L_INFINITY) {
                return Perturbations.sign(gradient);
            }
            if (flaw == Flaw.UNDERFLOWING_L2_STEP) {
                INDArray length = gradient.mul(gradient).sum(1, 2, 3).reshape(gradient.size(0), 1, 1, 1);
                return gradient.div(Transforms.sqrt(length, false).broadcast(gradient.shape()));
            }
            return Perturbations.unitL2(gradient);
        }
    }

    /** The contract applied to a {@link FlawedAttack}. */
    static final class FlawedContract extends AttackGeneratorContractTest<FlawedParameters> {

        private final FlawedAttack attack;

        FlawedContract(Flaw flaw) {
            this.attack = new FlawedAttack(flaw);
        }

        @Override
        protected AttackGenerator<FlawedParameters> attack() {
            return attack;
        }

        @Override
        protected String id() {
            return "flawed";
        }

        @Override
        protected Optional<FlawedParameters> parameters(Norm norm, double epsilon) {
            return Optional.of(new FlawedParameters(norm, epsilon, false));
        }

        @Override
        protected Optional<FlawedParameters> parametersWithRandomStart(Norm norm, double epsilon) {
            return Optional.of(new FlawedParameters(norm, epsilon, true));
        }
    }

    @Test
    void soundAttackPassesContractChecks() {
        FlawedContract contract = new FlawedContract(Flaw.NONE);

        assertThatCode(contract::resultStaysInBallAndRange).doesNotThrowAnyException();
        assertThatCode(contract::resultIsFiniteForZeroTinyAndHugeGradients).doesNotThrowAnyException();
        assertThatCode(contract::modelSeesOnlyValidInputsThroughRequestedBranch).doesNotThrowAnyException();
        assertThatCode(contract::modelParametersAndCallerArraysStayUnchanged).doesNotThrowAnyException();
    }

    @Test
    void unclippedRandomStartFailsValidInputCheck() {
        FlawedContract contract = new FlawedContract(Flaw.UNCLIPPED_RANDOM_START);

        assertThatThrownBy(contract::modelSeesOnlyValidInputsThroughRequestedBranch)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void underflowingL2StepFailsFiniteCheck() {
        FlawedContract contract = new FlawedContract(Flaw.UNDERFLOWING_L2_STEP);

        assertThatThrownBy(contract::resultIsFiniteForZeroTinyAndHugeGradients).isInstanceOf(AssertionError.class);
    }

    @Test
    void missingProjectionFailsBallCheck() {
        FlawedContract contract = new FlawedContract(Flaw.NO_PROJECTION);

        assertThatThrownBy(contract::resultStaysInBallAndRange).isInstanceOf(AssertionError.class);
    }

    @Test
    void inPlaceUpdateFailsCallerArrayCheck() {
        FlawedContract contract = new FlawedContract(Flaw.IN_PLACE);

        assertThatThrownBy(contract::modelParametersAndCallerArraysStayUnchanged)
                .isInstanceOf(AssertionError.class);
    }
}
