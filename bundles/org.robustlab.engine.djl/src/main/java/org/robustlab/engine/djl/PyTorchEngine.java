package org.robustlab.engine.djl;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.engine.djl.internal.PyTorchModel;
import org.robustlab.lib.djl.DjlRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine: runs engine-neutral networks on libtorch 2.7.1 through Deep Java Library 0.36.0, eagerly,
 * with PyTorch's own kernels and autograd.
 *
 * <p>It computes on the first CUDA GPU when the embedded libtorch is a CUDA build and the driver reports a GPU,
 * and on the CPU otherwise; the system property {@value #DEVICE_PROPERTY} ({@code cpu} or {@code gpu}) overrides
 * the choice. The number of CPU threads is set once per process by {@code ai.djl.pytorch.num_threads} (default:
 * the available processors).
 */
@Component(service = Engine.class)
@ContributionMetadata(
        id = "pytorch",
        label = "PyTorch (Deep Java Library)",
        description = "libtorch 2.7.1 through Deep Java Library 0.36.0: PyTorch's kernels and autograd, CPU by"
                + " default, CUDA with a CUDA build of libtorch. Loads libtorch (about 430 MB, extracted to a per-user"
                + " cache) on first use.")
public final class PyTorchEngine implements Engine {

    /** System property that picks the device: {@code cpu}, or {@code gpu} for the first CUDA device. */
    public static final String DEVICE_PROPERTY = "robustlab.pytorch.device";

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchEngine.class);

    private ai.djl.engine.Engine djl;

    private Device device;

    private EngineInfo info;

    @Activate
    void activate() {
        djl = DjlRuntime.engine();
        device = chooseDevice(djl, System.getProperty(DEVICE_PROPERTY));
        String deviceName = device.isGpu() ? "CUDA GPU " + device.getDeviceId() : "CPU";
        info = new EngineInfo(
                "PyTorch via Deep Java Library " + ai.djl.engine.Engine.getDjlVersion(),
                djl.getVersion(),
                deviceName,
                JniUtils.getNumThreads());
        LOG.info("PyTorch engine ready: libtorch {} on {} with {} threads", info.version(), deviceName, info.threads());
    }

    private static Device chooseDevice(ai.djl.engine.Engine engine, String requested) {
        if (requested == null || requested.isBlank()) {
            return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        return switch (requested.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException(DEVICE_PROPERTY + "=" + requested
                            + " requests a GPU, but libtorch reports none; use cpu or install a CUDA build");
                }
                yield Device.gpu();
            }
            default ->
                throw new IllegalArgumentException(
                        "Invalid " + DEVICE_PROPERTY + " '" + requested + "': expected cpu or gpu");
        };
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public Model create(NetworkSpec spec, Map<String, INDArray> parameters) {
        NDManager manager = djl.newBaseManager(device);
        return new PyTorchModel(spec, parameters, info, manager);
    }
}
