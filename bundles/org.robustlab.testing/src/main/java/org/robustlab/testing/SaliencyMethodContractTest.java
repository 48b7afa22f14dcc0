package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * The contract every {@link SaliencyMethod} must meet. A method's test extends this class and implements
 * {@link #method()}; JUnit runs every check below on a small dual-BN CNN with a non-square input of two images,
 * one explaining a single class and one a weighted pair of classes.
 *
 * @param <P> the method's parameter record
 */
public abstract class SaliencyMethodContractTest<P extends Record> {

    private static final int HEIGHT = 10;

    private static final int WIDTH = 6;

    /** Returns the method under test. */
    protected abstract SaliencyMethod<P> method();

    /** Returns the parameters to test with; the method's defaults unless overridden. */
    protected P parameters() {
        return method().defaultParameters();
    }

    /** Returns the network the checks run on; override to test a method that needs other layers. */
    protected NetworkSpec network() {
        return ReferenceNetworks.smallCnn(1, 3, Head.SOFTMAX, Normalization.DUAL);
    }

    /**
     * Returns whether an image's map depends on the other images of its batch, as when a method draws random
     * samples in batch order. Such methods skip the check that a batch gives the maps of its images one by one.
     */
    protected boolean mapsDependOnBatchPosition() {
        return false;
    }

    /** Returns a model of {@link #network()} with seeded parameters. */
    protected Model model() {
        return ReferenceNetworks.create(network(), 11);
    }

    /** Returns two images in [0, 1], [2, C, 10, 6]. */
    protected INDArray input() {
        java.util.Random random = new java.util.Random(5);
        float[] values = new float[2 * network().inputChannels() * HEIGHT * WIDTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return Nd4j.createFromArray(values).reshape(2, network().inputChannels(), HEIGHT, WIDTH);
    }

    /** Returns a target that explains class 0 of the first image and classes 1 and 2 with weight 0.5 each. */
    protected SaliencyTarget target() {
        INDArray weights = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 0.5f, 0.5f}});
        return new SaliencyTarget(weights, Branch.ADVERSARIAL);
    }

    private SaliencyResult explain(Model model, INDArray input, SaliencyTarget target, SaliencyContext context) {
        return method().explain(model, input, target, parameters(), context);
    }

    @Test
    void defaultParametersMatchParameterType() {
        assertThat(method().defaultParameters()).isInstanceOf(method().parameterType());
    }

    @Test
    void mapsHaveBatchHeightAndWidthOfInput() {
        SaliencyResult result = explain(model(), input(), target(), SaliencyContext.of(1));

        assertThat(result.maps().shape()).containsExactly(2, HEIGHT, WIDTH);
    }

    @Test
    void mapsAreFiniteAndNotEmpty() {
        SaliencyResult result = explain(model(), input(), target(), SaliencyContext.of(1));

        for (double value : result.maps().castTo(DataType.DOUBLE).data().asDouble()) {
            assertThat(value).isFinite();
        }
        assertThat(result.empty()).containsExactly(false, false);
    }

    @Test
    void zeroModelGivesEmptyMaps() {
        Model zero = new ReferenceEngine().create(network(), ReferenceNetworks.zeros(network()));

        SaliencyResult result = explain(zero, input(), target(), SaliencyContext.of(1));

        assertThat(result.maps().shape()).containsExactly(2, HEIGHT, WIDTH);
        for (double value : result.maps().castTo(DataType.DOUBLE).data().asDouble()) {
            assertThat(value).isZero();
        }
        assertThat(result.empty()).containsExactly(true, true);
    }

    @Test
    void zeroClassWeightsGiveEmptyMaps() {
        SaliencyTarget nothing = new SaliencyTarget(Nd4j.zeros(DataType.FLOAT, 2, 3), Branch.CLEAN);

        SaliencyResult result = explain(model(), input(), nothing, SaliencyContext.of(1));

        assertThat(result.empty()).containsExactly(true, true);
        assertThat(result.maps().amaxNumber().doubleValue()).isZero();
    }

    @Test
    void modelParametersAreUnchanged() {
        Model model = model();
        Map<String, INDArray> before = model.parameters();

        explain(model, input(), target(), SaliencyContext.of(1));

        Map<String, INDArray> after = model.parameters();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, value) -> assertThat(after.get(name)).as(name).isEqualTo(value));
    }

    @Test
    void inputIsUnchanged() {
        INDArray input = input();
        INDArray copy = input.dup();

        explain(model(), input, target(), SaliencyContext.of(1));

        assertThat(input).isEqualTo(copy);
    }

    @Test
    void sameSeedGivesSameMaps() {
        INDArray first =
                explain(model(), input(), target(), SaliencyContext.of(7)).maps();
        INDArray second =
                explain(model(), input(), target(), SaliencyContext.of(7)).maps();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void batchSizeLimitDoesNotChangeMaps() {
        INDArray large = explain(model(), input(), target(), new SaliencyContext(3, 64, null))
                .maps();
        INDArray single = explain(model(), input(), target(), new SaliencyContext(3, 1, null))
                .maps();

        assertClose(single, large);
    }

    @Test
    void modelNeverSeesMoreThanMaxBatchSize() {
        RecordingModel model = new RecordingModel(model());

        explain(model, input(), target(), new SaliencyContext(3, 3, null));

        assertThat(model.calls()).isNotEmpty();
        assertThat(model.calls())
                .allSatisfy(call -> assertThat(call.batchSize()).isLessThanOrEqualTo(3));
    }

    @Test
    void modelRunsThroughTargetBranch() {
        RecordingModel model = new RecordingModel(model());

        explain(model, input(), target(), SaliencyContext.of(1));

        assertThat(model.calls()).isNotEmpty();
        assertThat(model.calls()).allSatisfy(call -> assertThat(call.branch()).isEqualTo(Branch.ADVERSARIAL));
    }

    @Test
    void batchGivesMapsOfSingleImages() {
        if (mapsDependOnBatchPosition()) {
            return;
        }
        INDArray input = input();
        INDArray weights = target().classWeights();
        INDArray batch =
                explain(model(), input, target(), SaliencyContext.of(1)).maps();

        for (int i = 0; i < 2; i++) {
            INDArray image = input.get(NDArrayIndex.interval(i, i + 1)).dup();
            SaliencyTarget single = new SaliencyTarget(
                    weights.get(NDArrayIndex.interval(i, i + 1)).dup(), Branch.ADVERSARIAL);
            INDArray map =
                    explain(model(), image, single, SaliencyContext.of(1)).maps();
            assertClose(map, batch.get(NDArrayIndex.interval(i, i + 1)).dup());
        }
    }

    @Test
    void cancelledMonitorStopsMethod() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);

        assertThatThrownBy(() -> explain(model(), input(), target(), new SaliencyContext(1, 64, monitor)))
                .isInstanceOf(OperationCanceledException.class);
    }

    @Test
    void targetOfWrongBatchSizeIsRejected() {
        SaliencyTarget three = SaliencyTarget.ofClass(3, 3, 0, Branch.CLEAN);

        assertThatThrownBy(() -> explain(model(), input(), three, SaliencyContext.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-5 * scale));
        }
    }
}
