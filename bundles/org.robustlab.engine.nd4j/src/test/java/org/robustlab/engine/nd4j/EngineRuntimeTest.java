package org.robustlab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/** Checks the engine inside Equinox: its registration, the backend it reports, and threads without a context loader. */
class EngineRuntimeTest {

    @Test
    void engineIsRegisteredUnderIdNd4j() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(EngineRuntimeTest.class).getBundleContext();
        ServiceTracker<Engines, Engines> tracker = new ServiceTracker<>(context, Engines.class, null);
        tracker.open();
        try {
            Engines engines = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));

            Engine engine = engines.get("nd4j");

            assertThat(engine).isInstanceOf(Nd4jEngine.class);
            assertThat(engines.info("nd4j").orElseThrow().bundle()).startsWith("org.robustlab.engine.nd4j");
        } finally {
            tracker.close();
        }
    }

    @Test
    void infoReportsNd4jVersionAndOneDnnCpu() {
        EngineInfo info = new Nd4jEngine().info();

        assertThat(info.library()).isEqualTo("ND4J SameDiff");
        assertThat(info.version()).isEqualTo("1.0.0-M2.1");
        assertThat(info.device()).isEqualTo("CPU (oneDNN)");
        assertThat(info.threads()).isPositive();
    }

    @Test
    void nd4jWorksOnThreadWithoutContextClassLoader() throws InterruptedException {
        AtomicReference<Object> product = new AtomicReference<>();
        AtomicReference<String> backend = new AtomicReference<>();
        AtomicReference<INDArray> logits = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                INDArray matrix = Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2});
                product.set(matrix.mmul(matrix));
                backend.set(Nd4j.getBackend().getClass().getName());
                NetworkSpec spec = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);
                try (Model model = new Nd4jEngine().create(spec, TestNetworks.randomParameters(spec, 1))) {
                    logits.set(model.logits(TestNetworks.images(101, 2, 2, 8, 8), Branch.ADVERSARIAL));
                }
            } catch (RuntimeException | LinkageError e) {
                product.set(e);
            }
        });
        worker.setContextClassLoader(null);

        worker.start();
        worker.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(product.get()).isInstanceOf(INDArray.class);
        assertThat(((INDArray) product.get()).toFloatMatrix()).isDeepEqualTo(new float[][] {{7, 10}, {15, 22}});
        assertThat(backend.get()).isEqualTo("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        assertThat(logits.get().shape()).containsExactly(2, 3);
    }
}
