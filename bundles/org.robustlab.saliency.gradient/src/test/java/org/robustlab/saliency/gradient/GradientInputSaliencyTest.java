package org.robustlab.saliency.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class GradientInputSaliencyTest extends SaliencyMethodContractTest<GradientInputSaliency.Parameters> {

    private final GradientInputSaliency method = new GradientInputSaliency();

    @Override
    protected SaliencyMethod<GradientInputSaliency.Parameters> method() {
        return method;
    }

    @Test
    void linearModelMapIsWeightTimesInput() {
        INDArray weights = LinearModels.uniform(5, -1, 1, 2, 1, 5, 5);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.ones(2), Head.SOFTMAX);
        INDArray input = LinearModels.uniform(6, 0, 1, 2, 1, 5, 5);

        INDArray maps = method.explain(
                        model,
                        input,
                        SaliencyTarget.ofClass(2, 2, 1, Branch.CLEAN),
                        method.defaultParameters(),
                        SaliencyContext.of(0))
                .maps();

        for (int n = 0; n < 2; n++) {
            double sum = 0;
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    double expected = weights.getDouble(1, 0, y, x) * input.getDouble(n, 0, y, x);
                    assertThat(maps.getDouble(n, y, x)).isCloseTo(expected, within(1e-6));
                    sum += expected;
                }
            }
            // The contributions add up to the logit minus its bias.
            double logit = model.logits(input, Branch.CLEAN).getDouble(n, 1);
            assertThat(sum).isCloseTo(logit - 1, within(1e-5));
        }
    }
}
