package org.robustlab.data.internal;

import java.util.List;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the IDX importers.
 *
 * @param classNames names of the classes in label order; empty names them by their label number
 * @param limit the largest number of images read from each of the training and test files, 0 for all
 */
public record IdxParameters(
        @Parameter(description = "Class names in label order; empty for the label numbers")
        List<String> classNames,

        @Parameter(description = "Images read from each IDX file at most; 0 reads all", unit = "images", min = 0)
        int limit) {

    public IdxParameters {
        classNames = List.copyOf(classNames);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }
}
