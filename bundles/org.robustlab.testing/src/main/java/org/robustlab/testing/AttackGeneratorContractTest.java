package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.ParameterBinder;

/**
 * The contract every {@link AttackGenerator} must meet. A test class of an attack extends this class, supplies the
 * attack and its parameters for a threat model, and JUnit runs every check below on small reference models with
 * analytic gradients ({@link ReferenceClassifier}).
 *
 * <p>Checked: registration as a contribution; bindable default parameters; a threat model that matches the
 * parameters; results inside the epsilon ball and the valid range; epsilon 0 returns the input; finite results
 * for models whose weights are scaled by 0, 1e-25 and 1e20 (zero, tiny and huge gradients); determinism for a
 * seed; no change to the model's parameters or to the caller's arrays; the model only sees finite inputs inside
 * the valid range, through the requested batch-norm branch; honest counting of gradient passes; untargeted
 * attacks raise the loss and targeted attacks lower the loss towards the target; cancellation; clear errors for
 * labels of the wrong shape and for goals or heads the attack does not support.
 *
 * @param <P> the attack's parameter record
 */
public abstract class AttackGeneratorContractTest<P extends Record> {

    /** Budget used for L-infinity checks, on inputs in [0, 1]. */
    protected static final double LINF_EPSILON = 0.1;

    /** Budget used for L2 checks, on 8 x 8 inputs in [0, 1]. */
    protected static final double L2_EPSILON = 0.5;

    private static final ReferenceClassifier.Geometry GEOMETRY = new ReferenceClassifier.Geometry(1, 8, 8, 3);

    private static final long[] SHAPE = GEOMETRY.inputShape(4);

    private static final long SEED = 20240611L;

    /** Returns the attack under test. */
    protected abstract AttackGenerator<P> attack();

    /** Returns the id the attack registers under, as in its {@code @ContributionMetadata}. */
    protected abstract String id();

    /**
     * Returns cheap parameters (few iterations) whose threat model is {@code norm} with budget {@code epsilon},
     * without a random start, or empty when the attack does not support that norm.
     */
    protected abstract Optional<P> parameters(Norm norm, double epsilon);

    /** Returns parameters like {@link #parameters} but with a random start, or empty when the attack has none. */
    protected Optional<P> parametersWithRandomStart(Norm norm, double epsilon) {
        return Optional.empty();
    }

    /** Returns whether the attack supports targeted goals; when not, it must reject them. */
    protected boolean supportsTargeted() {
        return true;
    }

    /** Returns whether the attack supports models with this head; when not, it must reject them. */
    protected boolean supportsHead(Head head) {
        return true;
    }

    /** Returns every supported threat, with and without random start, as (norm, epsilon, parameters). */
    protected final List<Threat<P>> threats() {
        List<Threat<P>> threats = new ArrayList<>();
        for (Norm norm : List.of(Norm.L_INFINITY, Norm.L2)) {
            double epsilon = norm == Norm.L2 ? L2_EPSILON : LINF_EPSILON;
            parameters(norm, epsilon).ifPresent(p -> threats.add(new Threat<>(norm, epsilon, false, p)));
            parametersWithRandomStart(norm, epsilon).ifPresent(p -> threats.add(new Threat<>(norm, epsilon, true, p)));
        }
        return threats;
    }

    /**
     * One threat the attack is checked under.
     *
     * @param norm the norm
     * @param epsilon the budget
     * @param randomStart whether the parameters start at a random point of the ball
     * @param parameters the attack's parameters
     */
    public record Threat<P>(Norm norm, double epsilon, boolean randomStart, P parameters) {}

    @Test
    void attackIsRegisteredWithMetadata() throws InterruptedException {
        BundleContext context =
                FrameworkUtil.getBundle(AttackGeneratorContractTest.class).getBundleContext();
        ServiceTracker<AttackGenerators, AttackGenerators> tracker =
                new ServiceTracker<>(context, AttackGenerators.class, null);
        tracker.open();
        try {
            AttackGenerators registry = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertThat(registry).as("attack registry service").isNotNull();
            ContributionInfo info = registry.info(id()).orElse(null);
            assertThat(info).as("registered attack '%s'", id()).isNotNull();
            assertThat(info.label()).as("label").isNotBlank();
            assertThat(info.description()).as("description").isNotBlank();
            assertThat(registry.get(id()).getClass()).isEqualTo(attack().getClass());
        } finally {
            tracker.close();
        }
    }

    @Test
    void defaultParametersBindBackUnchanged() {
        P defaults = attack().defaultParameters();

        Map<String, Object> written = ParameterBinder.toMap(defaults);
        P bound = ParameterBinder.bind(defaults, written, "");

        assertThat(defaults.getClass()).isEqualTo(attack().parameterType());
        assertThat(ParameterBinder.toMap(bound)).isEqualTo(written);
        assertThat(attack().threatModel(defaults)).isNotNull();
    }

    @Test
    void threatModelMatchesParameters() {
        assertThat(threats()).as("supported threats").isNotEmpty();
        for (Threat<P> threat : threats()) {
            ThreatModel model = attack().threatModel(threat.parameters());

            assertThat(model.norm()).as("norm of %s", threat).isEqualTo(threat.norm());
            assertThat(model.epsilon()).as("epsilon of %s", threat).isEqualTo(threat.epsilon());
            assertThat(model.knowledge()).as("knowledge of %s", threat).isNotBlank();
        }
    }

    @Test
    void resultStaysInBallAndRange() {
        for (Head head : supportedHeads()) {
            try (ReferenceClassifier model = classifier(head, Normalization.SINGLE)) {
                for (Threat<P> threat : threats()) {
                    INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                    AttackContext context = AttackContext.unitRange(SEED);

                    AttackResult result = untargeted(model, images, threat, context);

                    AttackFixtures.assertValid(result, images, attack().threatModel(threat.parameters()), context);
                }
            }
        }
    }

    @Test
    void zeroEpsilonReturnsInputUnchanged() {
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE)) {
            for (Threat<P> threat : threats()) {
                Threat<P> zero = withEpsilon(threat, 0);
                INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);

                AttackResult result = untargeted(model, images, zero, AttackContext.unitRange(SEED));

                AttackFixtures.assertIdentical(result.adversarial(), images, "result of " + zero);
            }
        }
    }

    @Test
    void resultIsFiniteForZeroTinyAndHugeGradients() {
        for (double scale : new double[] {0, 1e-25, 1e20}) {
            try (ReferenceClassifier model =
                    classifier(Head.SOFTMAX, Normalization.SINGLE).withWeightScale(scale)) {
                for (Threat<P> threat : threats()) {
                    INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                    AttackContext context = AttackContext.unitRange(SEED);

                    AttackResult result = untargeted(model, images, threat, context);

                    AttackFixtures.assertValid(result, images, attack().threatModel(threat.parameters()), context);
                    if (scale == 0 && !threat.randomStart()) {
                        AttackFixtures.assertIdentical(
                                result.adversarial(), images, "zero gradient leaves the image unchanged, " + threat);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameResult() {
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE)) {
            for (Threat<P> threat : threats()) {
                INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);

                INDArray first = untargeted(model, images, threat, AttackContext.unitRange(7))
                        .adversarial();
                INDArray second = untargeted(model, images, threat, AttackContext.unitRange(7))
                        .adversarial();

                AttackFixtures.assertIdentical(second, first, "second run of " + threat);
            }
        }
    }

    @Test
    void modelParametersAndCallerArraysStayUnchanged() {
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.DUAL)) {
            Map<String, INDArray> before = model.parameters();
            for (Threat<P> threat : threats()) {
                INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                INDArray imagesBefore = images.dup();
                INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.ADVERSARIAL);
                INDArray labelsBefore = labels.dup();

                attack().generate(
                                model,
                                images,
                                AttackGoal.untargeted(labels, Branch.ADVERSARIAL),
                                threat.parameters(),
                                AttackContext.unitRange(SEED));

                AttackFixtures.assertIdentical(images, imagesBefore, "input images after " + threat);
                AttackFixtures.assertIdentical(labels, labelsBefore, "labels after " + threat);
                Map<String, INDArray> after = model.parameters();
                assertThat(after.keySet())
                        .as("parameter names after %s", threat)
                        .isEqualTo(before.keySet());
                before.forEach((name, value) ->
                        AttackFixtures.assertIdentical(after.get(name), value, name + " after " + threat));
            }
        }
    }

    @Test
    void modelSeesOnlyValidInputsThroughRequestedBranch() {
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.DUAL)) {
            for (Branch branch : Branch.values()) {
                for (Threat<P> threat : threats()) {
                    RecordingModel recorder = new RecordingModel(model);
                    INDArray images = AttackFixtures.halfAndHalf(SHAPE, 0, 1);
                    INDArray labels = AttackFixtures.predictedLabels(model, images, branch);

                    AttackResult result = attack().generate(
                                    recorder,
                                    images,
                                    AttackGoal.untargeted(labels, branch),
                                    threat.parameters(),
                                    AttackContext.unitRange(SEED));

                    assertThat(recorder.calls()).as("calls of %s", threat).isNotEmpty();
                    for (RecordingModel.Call call : recorder.calls()) {
                        assertThat(call.finite())
                                .as("finite input, %s, %s", threat, call)
                                .isTrue();
                        assertThat(call.min()).as("smallest input, %s", threat).isGreaterThanOrEqualTo(0);
                        assertThat(call.max()).as("largest input, %s", threat).isLessThanOrEqualTo(1);
                        assertThat(call.branch()).as("branch, %s", threat).isEqualTo(branch);
                    }
                    long passes = recorder.count(RecordingModel.Kind.INPUT_GRADIENT)
                            + recorder.count(RecordingModel.Kind.LAYER_GRADIENT);
                    assertThat(result.gradientPasses())
                            .as("gradient passes of %s", threat)
                            .isEqualTo(passes);
                    assertThat(recorder.closeCount())
                            .as("the attack closed the model")
                            .isZero();
                }
            }
        }
    }

    @Test
    void resultStaysInsideValidRangeOtherThanUnit() {
        double min = -2;
        double max = 3;
        try (ReferenceClassifier model =
                classifier(Head.SOFTMAX, Normalization.SINGLE).withWeightScale(0.2)) {
            for (Threat<P> threat : threats()) {
                Threat<P> scaled = withEpsilon(threat, threat.epsilon() * (max - min));
                INDArray images = AttackFixtures.images(SEED, SHAPE, min, max);
                AttackContext context = new AttackContext(min, max, SEED, null);

                AttackResult result = untargeted(model, images, scaled, context);

                AttackFixtures.assertValid(result, images, attack().threatModel(scaled.parameters()), context);
            }
        }
    }

    @Test
    void untargetedAttackRaisesLoss() {
        for (Head head : supportedHeads()) {
            try (ReferenceClassifier model = classifier(head, Normalization.SINGLE)) {
                for (Threat<P> threat : threats()) {
                    INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                    INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

                    INDArray adversarial = untargeted(model, images, threat, AttackContext.unitRange(SEED))
                            .adversarial();

                    assertThat(AttackFixtures.loss(model, adversarial, labels, Branch.CLEAN))
                            .as("loss after untargeted %s, head %s", threat, head)
                            .isGreaterThan(AttackFixtures.loss(model, images, labels, Branch.CLEAN));
                }
            }
        }
    }

    @Test
    void targetedAttackLowersLossTowardsTarget() {
        for (Head head : supportedHeads()) {
            try (ReferenceClassifier model = classifier(head, Normalization.SINGLE)) {
                for (Threat<P> threat : threats()) {
                    INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                    INDArray targets = AttackFixtures.otherTargets(
                            AttackFixtures.predictedLabels(model, images, Branch.CLEAN), head);
                    AttackGoal goal = AttackGoal.targeted(targets, Branch.CLEAN);

                    if (!supportsTargeted()) {
                        assertThatThrownBy(() -> attack().generate(
                                                model,
                                                images,
                                                goal,
                                                threat.parameters(),
                                                AttackContext.unitRange(SEED)))
                                .as("targeted goal for an untargeted attack")
                                .isInstanceOf(IllegalArgumentException.class);
                        continue;
                    }
                    INDArray adversarial = attack().generate(
                                    model, images, goal, threat.parameters(), AttackContext.unitRange(SEED))
                            .adversarial();

                    assertThat(AttackFixtures.loss(model, adversarial, targets, Branch.CLEAN))
                            .as("loss towards the target after %s, head %s", threat, head)
                            .isLessThan(AttackFixtures.loss(model, images, targets, Branch.CLEAN));
                }
            }
        }
    }

    @Test
    void unsupportedHeadIsRejected() {
        for (Head head : Head.values()) {
            if (supportsHead(head)) {
                continue;
            }
            try (ReferenceClassifier model = classifier(head, Normalization.SINGLE)) {
                for (Threat<P> threat : threats()) {
                    INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);

                    assertThatThrownBy(() -> untargeted(model, images, threat, AttackContext.unitRange(SEED)))
                            .as("head %s", head)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(head.name().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    @Test
    void cancelledMonitorStopsAttack() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE)) {
            for (Threat<P> threat : threats()) {
                INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
                AttackContext context = new AttackContext(0, 1, SEED, monitor);

                assertThatThrownBy(() -> untargeted(model, images, threat, context))
                        .as("cancelled %s", threat)
                        .isInstanceOf(OperationCanceledException.class);
            }
        }
    }

    @Test
    void labelsOfWrongShapeAreRejected() {
        try (ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE)) {
            INDArray images = AttackFixtures.images(SEED, SHAPE, 0, 1);
            Threat<P> threat = threats().get(0);
            for (long[] shape : new long[][] {{SHAPE[0] + 1, GEOMETRY.outputs()}, {SHAPE[0], GEOMETRY.outputs() + 1}}) {
                INDArray labels = Nd4j.zeros(DataType.FLOAT, shape);

                assertThatThrownBy(() -> attack().generate(
                                        model,
                                        images,
                                        AttackGoal.untargeted(labels, Branch.CLEAN),
                                        threat.parameters(),
                                        AttackContext.unitRange(SEED)))
                        .as("labels of shape %s", Arrays.toString(shape))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("labels");
            }
        }
    }

    @Test
    void singleNonSquareColourImageIsSupported() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(3, 5, 7, 4);
        try (ReferenceClassifier model =
                ReferenceClassifier.random(SEED, geometry, Head.SOFTMAX, Normalization.SINGLE)) {
            for (Threat<P> threat : threats()) {
                INDArray images = AttackFixtures.images(SEED, geometry.inputShape(1), 0, 1);
                AttackContext context = AttackContext.unitRange(SEED);

                AttackResult result = untargeted(model, images, threat, context);

                AttackFixtures.assertValid(result, images, attack().threatModel(threat.parameters()), context);
            }
        }
    }

    /** Runs the attack away from the model's own predictions, through the clean branch. */
    protected final AttackResult untargeted(Model model, INDArray images, Threat<P> threat, AttackContext context) {
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        return attack().generate(
                        model, images, AttackGoal.untargeted(labels, Branch.CLEAN), threat.parameters(), context);
    }

    /** Returns the reference classifier used by the checks, with the given head and normalization. */
    protected static ReferenceClassifier classifier(Head head, Normalization normalization) {
        return ReferenceClassifier.random(SEED, GEOMETRY, head, normalization);
    }

    private List<Head> supportedHeads() {
        return Arrays.stream(Head.values()).filter(this::supportsHead).toList();
    }

    private Threat<P> withEpsilon(Threat<P> threat, double epsilon) {
        Optional<P> parameters = threat.randomStart()
                ? parametersWithRandomStart(threat.norm(), epsilon)
                : parameters(threat.norm(), epsilon);
        return new Threat<>(threat.norm(), epsilon, threat.randomStart(), parameters.orElseThrow());
    }
}
