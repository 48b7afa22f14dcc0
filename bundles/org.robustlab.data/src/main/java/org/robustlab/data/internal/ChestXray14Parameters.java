package org.robustlab.data.internal;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the NIH ChestX-ray14 importer.
 *
 * @param officialSplit whether {@code train_val_list.txt} and {@code test_list.txt}, when present, decide the test
 *     split instead of the seeded split by patient
 */
public record ChestXray14Parameters(
        @Parameter(description = "Use train_val_list.txt and test_list.txt when present")
        boolean officialSplit) {}
