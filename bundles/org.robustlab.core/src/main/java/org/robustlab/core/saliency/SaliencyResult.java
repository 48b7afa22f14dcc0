package org.robustlab.core.saliency;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Raw saliency maps and facts about how they were computed.
 *
 * @param maps [N, H, W], one map per image at the input's resolution, signed where the method is signed
 * @param details method-specific facts for reports, for example {@code layer} for Grad-CAM or {@code
 *     completenessError} for Integrated Gradients; values are numbers, strings or number arrays
 */
public record SaliencyResult(INDArray maps, Map<String, Object> details) {

    public SaliencyResult {
        details = Map.copyOf(details);
    }

    /** Returns, per image, whether its map is zero everywhere. */
    public boolean[] empty() {
        boolean[] empty = new boolean[(int) maps.size(0)];
        for (int i = 0; i < empty.length; i++) {
            empty[i] = maps.slice(i).amaxNumber().doubleValue() == 0;
        }
        return empty;
    }
}
