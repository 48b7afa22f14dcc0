package org.robustlab.data.internal;

import java.util.List;
import java.util.Objects;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the CheXpert importer.
 *
 * @param uncertainty how uncertain (-1) labels are trained on
 * @param frontalOnly whether lateral views are left out
 * @param labels the observation columns to import, in output order
 */
public record CheXpertParameters(
        @Parameter(description = "Training value of uncertain labels: zeros, ones or ignore (masked out)")
        UncertaintyPolicy uncertainty,

        @Parameter(description = "Import frontal views only")
        boolean frontalOnly,

        @Parameter(description = "Observation columns to import, in output order")
        List<String> labels) {

    /** The 14 observations of CheXpert's CSV files. */
    static final List<String> OBSERVATIONS = List.of(
            "No Finding",
            "Enlarged Cardiomediastinum",
            "Cardiomegaly",
            "Lung Opacity",
            "Lung Lesion",
            "Edema",
            "Consolidation",
            "Pneumonia",
            "Atelectasis",
            "Pneumothorax",
            "Pleural Effusion",
            "Pleural Other",
            "Fracture",
            "Support Devices");

    public CheXpertParameters {
        Objects.requireNonNull(uncertainty, "uncertainty");
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must name at least one observation column");
        }
    }
}
