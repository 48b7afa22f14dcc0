package org.robustlab.experiment;

import java.util.Objects;

/**
 * One model an experiment trains.
 *
 * @param name the model's name in reports and run folders: lower-case letters, digits and dashes
 * @param mode the training mode and its parameters
 */
public record ModelSection(String name, ContributionChoice mode) {

    public ModelSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
    }
}
