package org.robustlab.engine.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.engine.nd4j.internal.SameDiffModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J SameDiff engine: compiles network specifications into SameDiff graphs of ND4J 1.0.0-M2.1 on the CPU
 * (oneDNN build).
 *
 * <p>Dual batch norm uses one parameter store for all graphs: the clean and the adversarial graphs hold the very
 * same weight arrays, so an optimizer update reaches both, and each graph reads only its own branch's batch-norm
 * parameters and running statistics. Gradients are exact (reverse-mode automatic differentiation); inference
 * graphs hold the parameters as constants, so input and layer gradients compute no weight gradients.
 *
 * <p>Memory: ND4J arrays live off the Java heap and are freed when their Java objects are collected. The engine
 * requests a garbage collection after a pass once off-heap arrays pass half of JavaCPP's
 * {@code org.bytedeco.javacpp.maxbytes} (see {@code org.robustlab.lib.nd4j.Nd4jRuntime} for the limits), and
 * keeps one execution cache per graph instead of one per thread that ever used it.
 */
@Component(service = Engine.class)
@ContributionMetadata(
        id = "nd4j",
        label = "ND4J SameDiff (CPU)",
        description = "Deeplearning4j's ND4J 1.0.0-M2.1 with SameDiff automatic differentiation on the CPU (oneDNN);"
                + " single and dual batch norm, Adam and SGD as in torch.optim. About 4x slower than PyTorch on"
                + " the same CPU.")
public final class Nd4jEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jEngine.class);

    private static final String VERSION_RESOURCE = "/META-INF/maven/org.nd4j/nd4j-api/pom.properties";

    private volatile EngineInfo info;

    @Override
    public EngineInfo info() {
        EngineInfo current = info;
        if (current == null) {
            current = new EngineInfo(
                    "ND4J SameDiff", version(), device(), Nd4j.getEnvironment().maxMasterThreads());
            info = current;
            LOG.debug("Engine {}", current);
        }
        return current;
    }

    @Override
    public SameDiffModel create(NetworkSpec spec, Map<String, INDArray> parameters) {
        return create(spec, parameters, DataType.FLOAT);
    }

    /**
     * Compiles {@code spec} at the given precision. {@link DataType#DOUBLE} models take and return float64 arrays;
     * they exist for finite-difference gradient checks and are several times slower.
     *
     * @param precision {@link DataType#FLOAT} or {@link DataType#DOUBLE}
     * @throws IllegalArgumentException when the parameters do not match {@code spec} or the precision is neither
     */
    public SameDiffModel create(NetworkSpec spec, Map<String, INDArray> parameters, DataType precision) {
        return new SameDiffModel(spec, parameters, precision, info());
    }

    private static String version() {
        try (InputStream in = Nd4j.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            LOG.debug("Could not read the ND4J version from {}", VERSION_RESOURCE, e);
            return "unknown";
        }
    }

    private static String device() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (backend.toLowerCase(java.util.Locale.ROOT).contains("cuda")) {
            return "CUDA";
        }
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return build.contains("HAVE_ONEDNN") ? "CPU (oneDNN)" : "CPU";
    }
}
