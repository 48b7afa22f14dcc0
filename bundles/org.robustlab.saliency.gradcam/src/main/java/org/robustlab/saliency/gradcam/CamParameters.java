package org.robustlab.saliency.gradcam;

import java.util.Objects;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters shared by Grad-CAM and Grad-CAM++.
 *
 * @param layer the name of the convolutional layer whose output the map is built from; empty for the network's
 *     default CAM layer, the output of its last convolutional block after the activation
 * @param relu whether to apply the final ReLU of the published methods, which keeps only evidence for the target;
 *     without it the map is signed
 */
public record CamParameters(
        @Parameter(description = "Layer whose output the map is built from; empty for the network's default CAM layer")
        String layer,

        @Parameter(description = "Apply the final ReLU of the published method; off gives a signed map")
        boolean relu) {

    /** The network's default CAM layer with the final ReLU. */
    public static final CamParameters DEFAULT = new CamParameters("", true);

    public CamParameters {
        Objects.requireNonNull(layer, "layer");
    }
}
