package org.robustlab.training.modes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.contribution.UnknownContributionException;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.InvalidParameterException;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.testing.AttackFixtures;
import org.robustlab.testing.RecordingModel;
import org.robustlab.testing.ReferenceClassifier;

class TrainingModesTest {

    private static final ReferenceClassifier.Geometry GEOMETRY = new ReferenceClassifier.Geometry(1, 8, 8, 3);

    private static final double EPSILON = 0.005;

    private static <S> S service(Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(TrainingModesTest.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertThat(service).as("service %s", type.getSimpleName()).isNotNull();
            return service;
        } finally {
            tracker.close();
        }
    }

    private static TrainingModeContext context(long seed) throws InterruptedException {
        return new TrainingModeContext(service(AttackGenerators.class), 0, 1, new Random(seed), null);
    }

    private static ReferenceClassifier model(Normalization normalization) {
        return ReferenceClassifier.random(4, GEOMETRY, Head.SOFTMAX, normalization);
    }

    private static Batch batch(ReferenceClassifier model) {
        INDArray images = AttackFixtures.halfAndHalf(GEOMETRY.inputShape(4), 0, 1);
        images.get(NDArrayIndex.point(1)).assign(AttackFixtures.images(3, GEOMETRY.inputShape(1), 0, 1));
        return new Batch(images, AttackFixtures.predictedLabels(model, images, Branch.CLEAN), null);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> TrainingBatch prepareDefault(
            TrainingMode<?> mode, RecordingModel model, Batch batch, TrainingModeContext context) {
        TrainingMode<P> typed = (TrainingMode<P>) mode;
        return typed.prepare(model, batch, typed.defaultParameters(), context);
    }

    private static void assertInBallAndRange(INDArray adversarial, INDArray clean, double epsilon) {
        assertThat(adversarial.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(adversarial.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        for (double distance : Perturbations.norms(adversarial.sub(clean), Norm.L_INFINITY)) {
            assertThat(distance).isLessThanOrEqualTo(epsilon * (1 + 1e-5) + 1e-7);
        }
    }

    private static void assertValidCalls(RecordingModel recorder, Branch branch) {
        assertThat(recorder.calls()).isNotEmpty();
        for (RecordingModel.Call call : recorder.calls()) {
            assertThat(call.min()).as("smallest input seen").isGreaterThanOrEqualTo(0);
            assertThat(call.max()).as("largest input seen").isLessThanOrEqualTo(1);
            assertThat(call.branch()).as("branch attacked through").isEqualTo(branch);
        }
    }

    @Test
    void registryListsEveryModeWithBindableDefaults() throws InterruptedException {
        TrainingModes modes = service(TrainingModes.class);

        for (String id : List.of("standard", "pgd", "dual-bn", "mixed", "trades", "fast", "gaussian")) {
            assertThat(modes.info(id)).as("mode %s", id).isPresent();
            assertThat(modes.info(id).orElseThrow().description())
                    .as("description of %s", id)
                    .isNotBlank();
            Record defaults = modes.get(id).defaultParameters();
            Map<String, Object> written = ParameterBinder.toMap(defaults);
            assertThat(ParameterBinder.toMap(ParameterBinder.bind(defaults, written, id)))
                    .as("defaults of %s bound back", id)
                    .isEqualTo(written);
        }
    }

    @Test
    void standardTrainsCleanImagesThroughCleanBranch() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);
        RecordingModel recorder = new RecordingModel(model);

        TrainingBatch prepared = prepareDefault(new StandardTraining(), recorder, batch, context(1));

        assertThat(prepared.terms()).hasSize(1);
        LossTerm term = prepared.terms().get(0);
        assertThat(term.kind()).isEqualTo(LossTerm.Kind.SUPERVISED);
        assertThat(term.branch()).isEqualTo(Branch.CLEAN);
        assertThat(term.weight()).isEqualTo(1);
        AttackFixtures.assertIdentical(term.input(), batch.inputs(), "standard training input");
        assertThat(recorder.calls()).isEmpty();
    }

    @Test
    void pgdTrainsOnlyAdversarialImages() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);
        RecordingModel recorder = new RecordingModel(model);
        Map<String, INDArray> before = model.parameters();

        TrainingBatch prepared = prepareDefault(new PgdAdversarialTraining(), recorder, batch, context(1));

        assertThat(prepared.terms()).hasSize(1);
        LossTerm term = prepared.terms().get(0);
        assertThat(term.branch()).isEqualTo(Branch.CLEAN);
        assertInBallAndRange(term.input(), batch.inputs(), EPSILON);
        assertThat(term.input().sub(batch.inputs()).amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(recorder.count(RecordingModel.Kind.INPUT_GRADIENT)).isEqualTo(10);
        assertValidCalls(recorder, Branch.CLEAN);
        before.forEach((name, value) ->
                AttackFixtures.assertIdentical(model.parameters().get(name), value, name + " after the attack"));
    }

    @Test
    void dualBatchNormAttacksThroughAdversarialBranch() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.DUAL);
        Batch batch = batch(model);
        RecordingModel recorder = new RecordingModel(model);
        DualBatchNormTraining mode = new DualBatchNormTraining();

        TrainingBatch prepared = prepareDefault(mode, recorder, batch, context(1));

        assertThat(mode.normalization(mode.defaultParameters())).isEqualTo(Normalization.DUAL);
        assertThat(prepared.terms()).hasSize(2);
        LossTerm clean = prepared.terms().get(0);
        LossTerm adversarial = prepared.terms().get(1);
        assertThat(clean.branch()).isEqualTo(Branch.CLEAN);
        assertThat(adversarial.branch()).isEqualTo(Branch.ADVERSARIAL);
        assertThat(clean.weight()).isEqualTo(1);
        assertThat(adversarial.weight()).isEqualTo(1);
        AttackFixtures.assertIdentical(clean.input(), batch.inputs(), "clean term input");
        assertInBallAndRange(adversarial.input(), batch.inputs(), EPSILON);
        assertValidCalls(recorder, Branch.ADVERSARIAL);
    }

    @Test
    void modesRejectNetworkOfOtherNormalization() throws InterruptedException {
        Batch batch = batch(model(Normalization.SINGLE));
        TrainingModeContext context = context(1);

        assertThatThrownBy(() -> prepareDefault(
                        new DualBatchNormTraining(), new RecordingModel(model(Normalization.SINGLE)), batch, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dual batch norm");
        assertThatThrownBy(() -> prepareDefault(
                        new PgdAdversarialTraining(), new RecordingModel(model(Normalization.DUAL)), batch, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single batch norm");
    }

    @Test
    void mixedConcatenatesCleanAndAdversarialImages() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);

        TrainingBatch prepared = prepareDefault(new MixedTraining(), new RecordingModel(model), batch, context(1));

        assertThat(prepared.terms()).hasSize(1);
        LossTerm term = prepared.terms().get(0);
        long n = batch.inputs().size(0);
        assertThat(term.input().size(0)).isEqualTo(2 * n);
        assertThat(term.labels().size(0)).isEqualTo(2 * n);
        AttackFixtures.assertIdentical(
                term.input().get(NDArrayIndex.interval(0, n)).dup(), batch.inputs(), "clean half");
        assertInBallAndRange(term.input().get(NDArrayIndex.interval(n, 2 * n)).dup(), batch.inputs(), EPSILON);
        AttackFixtures.assertIdentical(
                term.labels().get(NDArrayIndex.interval(n, 2 * n)).dup(), batch.labels(), "labels of the second half");
    }

    @Test
    void tradesMaximisesDivergenceFromClippedGaussianStart() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);
        RecordingModel recorder = new RecordingModel(model);
        TradesTraining.Parameters parameters = new TradesTraining.Parameters(6, Norm.L_INFINITY, 0.05, 0.01, 5, 0.001);

        TrainingBatch prepared = new TradesTraining().prepare(recorder, batch, parameters, context(1));

        LossTerm term = prepared.terms().get(0);
        assertThat(term.kind()).isEqualTo(LossTerm.Kind.TRADES);
        assertThat(term.beta()).isEqualTo(6);
        AttackFixtures.assertIdentical(term.reference(), batch.inputs(), "TRADES reference");
        assertInBallAndRange(term.input(), batch.inputs(), 0.05);
        assertThat(recorder.count(RecordingModel.Kind.INPUT_GRADIENT)).isEqualTo(5);
        assertValidCalls(recorder, Branch.CLEAN);
        INDArray reference = TradesTraining.softmax(model.logits(batch.inputs(), Branch.CLEAN));
        double divergence = model.inputGradient(
                        term.input(), new org.robustlab.core.engine.Objective.Divergence(reference), Branch.CLEAN)
                .objectives()
                .sumNumber()
                .doubleValue();
        assertThat(divergence).as("KL divergence after the inner maximisation").isGreaterThan(1e-4);
    }

    @Test
    void fastUsesOneClippedRandomStartStep() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);
        RecordingModel recorder = new RecordingModel(model);

        TrainingBatch prepared = prepareDefault(new FastAdversarialTraining(), recorder, batch, context(1));

        assertThat(recorder.count(RecordingModel.Kind.INPUT_GRADIENT)).isEqualTo(1);
        assertValidCalls(recorder, Branch.CLEAN);
        assertInBallAndRange(prepared.terms().get(0).input(), batch.inputs(), EPSILON);
    }

    @Test
    void gaussianNoiseIsZeroMeanAndScaledByRange() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 32, 32, 3);
        INDArray images = org.nd4j.linalg.factory.Nd4j.valueArrayOf(geometry.inputShape(4), 2047.5f);
        Batch batch = new Batch(images, org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 4, 3), null);
        ReferenceClassifier model = ReferenceClassifier.random(1, geometry, Head.SOFTMAX, Normalization.SINGLE);
        TrainingModeContext context = new TrainingModeContext(null, 0, 4095, new Random(5), null);

        TrainingBatch prepared =
                new GaussianNoiseTraining().prepare(model, batch, new GaussianNoiseTraining.Parameters(0.05), context);

        double[] noise = prepared.terms()
                .get(0)
                .input()
                .sub(images)
                .castTo(DataType.DOUBLE)
                .data()
                .asDouble();
        double mean = java.util.Arrays.stream(noise).average().orElseThrow();
        double variance =
                java.util.Arrays.stream(noise).map(v -> (v - mean) * (v - mean)).sum() / (noise.length - 1);
        double sigma = 0.05 * 4095;
        assertThat(Math.sqrt(variance)).isCloseTo(sigma, within(0.05 * sigma));
        assertThat(Math.abs(mean)).isLessThan(4 * sigma / Math.sqrt(noise.length));
    }

    @Test
    void unknownAttackAndInvalidSettingAreReported() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.SINGLE);
        Batch batch = batch(model);
        TrainingModeContext context = context(1);
        PgdAdversarialTraining mode = new PgdAdversarialTraining();

        assertThatThrownBy(() -> mode.prepare(model, batch, new AdversarialParameters("nope", Map.of()), context))
                .isInstanceOf(UnknownContributionException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("pgd");
        assertThatThrownBy(() ->
                        mode.prepare(model, batch, new AdversarialParameters("pgd", Map.of("epsilon", -1)), context))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("attackParameters.epsilon");
    }

    @Test
    void sameSeedPreparesSameBatch() throws InterruptedException {
        ReferenceClassifier model = model(Normalization.DUAL);
        Batch batch = batch(model);
        DualBatchNormTraining mode = new DualBatchNormTraining();

        INDArray first = mode.prepare(model, batch, mode.defaultParameters(), context(3))
                .terms()
                .get(1)
                .input();
        INDArray second = mode.prepare(model, batch, mode.defaultParameters(), context(3))
                .terms()
                .get(1)
                .input();

        AttackFixtures.assertIdentical(second, first, "adversarial images for the same seed");
    }
}
