package org.robustlab.integration.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.lib.nd4j.Nd4jRuntime;

/**
 * ND4J inside Equinox, called from threads whose context class loader is not a bundle's: ND4J discovers its
 * backend through a ServiceLoader on a captured context class loader, which fails on such threads unless the
 * library bundle fixes the loader first.
 */
class Nd4jInOsgiTest {

    private static final float[][] EXPECTED_SQUARE = {{7, 10}, {15, 22}};

    @Test
    void mmulWorksWithoutContextClassLoader() throws Exception {
        float[][] product = onThread(null, Nd4jInOsgiTest::squareOfSmallMatrix);

        assertThat(product).isDeepEqualTo(EXPECTED_SQUARE);
    }

    @Test
    void mmulWorksWithSystemClassLoader() throws Exception {
        float[][] product = onThread(ClassLoader.getSystemClassLoader(), Nd4jInOsgiTest::squareOfSmallMatrix);

        assertThat(product).isDeepEqualTo(EXPECTED_SQUARE);
    }

    @Test
    void mmulWorksInEclipseJob() throws Exception {
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        Job job = Job.create("ND4J in a job", monitor -> {
            result.complete(squareOfSmallMatrix());
            return Status.OK_STATUS;
        });
        job.schedule();
        job.join(TimeUnit.MINUTES.toMillis(2), null);

        assertThat(job.getResult()).extracting(IStatus::isOK).isEqualTo(true);
        assertThat(result.get(0, TimeUnit.SECONDS)).isDeepEqualTo(EXPECTED_SQUARE);
    }

    @Test
    void backendIsTheCpuBackend() throws Exception {
        String backend = onThread(null, () -> Nd4j.getBackend().getClass().getName());

        assertThat(backend).isEqualTo("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
    }

    @Test
    void sameDiffForwardAndBackwardMatchAnalyticGradient() throws Exception {
        Map<String, INDArray> gradients = onThread(ClassLoader.getSystemClassLoader(), Nd4jInOsgiTest::tanhGradients);

        // loss = tanh(z)^2 with z = x w = 1 * 0.5 + 2 * 0.25 = 1, so dloss/dz = 2 tanh(1) (1 - tanh(1)^2),
        // dloss/dw = x^T dloss/dz and dloss/dx = dloss/dz w^T.
        double y = Math.tanh(1.0);
        double dz = 2 * y * (1 - y * y);
        assertThat(gradients.get("w").getDouble(0, 0)).isCloseTo(1 * dz, within(1e-5));
        assertThat(gradients.get("w").getDouble(1, 0)).isCloseTo(2 * dz, within(1e-5));
        assertThat(gradients.get("x").getDouble(0, 0)).isCloseTo(0.5 * dz, within(1e-5));
        assertThat(gradients.get("x").getDouble(0, 1)).isCloseTo(0.25 * dz, within(1e-5));
    }

    @Test
    void offHeapLimitsComeFromTestSettings() {
        assertThat(Nd4jRuntime.maxBytes()).isEqualTo(3L << 30);
        assertThat(Nd4jRuntime.maxPhysicalBytes()).isEqualTo(8L << 30);
    }

    private static float[][] squareOfSmallMatrix() {
        INDArray matrix = Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2});
        return matrix.mmul(matrix).toFloatMatrix();
    }

    private static Map<String, INDArray> tanhGradients() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 1, 2);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[][] {{0.5}, {0.25}}));
        SDVariable y = sd.math.tanh(x.mmul(w));
        SDVariable loss = y.mul(y).sum();
        sd.setLossVariables(loss);
        sd.createGradFunction("x");
        return sd.calculateGradients(Map.of("x", Nd4j.createFromArray(new double[][] {{1, 2}})), "x", "w");
    }

    private static <T> T onThread(ClassLoader contextLoader, Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.setContextClassLoader(contextLoader);
        thread.start();
        return result.get(2, TimeUnit.MINUTES);
    }
}
