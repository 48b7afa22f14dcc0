package org.robustlab.saliency.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.SaliencyTorchReference;

/** Compares the class-activation maps of the reference CNN with maps that PyTorch computed on the same weights. */
class TorchAgreementTest {

    private static final Map<String, INDArray> TORCH = SaliencyTorchReference.arrays();

    private final Model model = SaliencyTorchReference.model(new ReferenceEngine());

    private INDArray explain(SaliencyMethod<CamParameters> method, CamParameters parameters) {
        return method.explain(
                        model,
                        TORCH.get("input"),
                        new SaliencyTarget(TORCH.get("class_weights"), Branch.ADVERSARIAL),
                        parameters,
                        SaliencyContext.of(0))
                .maps();
    }

    @Test
    void gradCamMatchesAtDefaultLayer() {
        assertClose(explain(new GradCamSaliency(), CamParameters.DEFAULT), TORCH.get("grad_cam"));
    }

    @Test
    void gradCamMatchesAtFullResolutionLayer() {
        assertClose(explain(new GradCamSaliency(), new CamParameters("relu1", true)), TORCH.get("grad_cam_relu1"));
    }

    @Test
    void gradCamPlusPlusMatches() {
        assertClose(explain(new GradCamPlusPlusSaliency(), CamParameters.DEFAULT), TORCH.get("grad_cam_plus_plus"));
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-5 * scale));
        }
    }
}
