package org.robustlab.data.internal;

import java.util.List;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the MedMNIST importer.
 *
 * @param classNames names of the classes or labels in column order; empty names them by number
 * @param multiLabel whether a sample may have several labels; MedMNIST's ChestMNIST is multi-label, the other
 *     sets are multi-class. Labels with more than one column are multi-label whatever this declares
 */
public record MedMnistParameters(
        @Parameter(description = "Class or label names in order; empty for numbers")
        List<String> classNames,

        @Parameter(description = "Treat the label columns as independent binary labels")
        boolean multiLabel) {

    public MedMnistParameters {
        classNames = List.copyOf(classNames);
    }
}
