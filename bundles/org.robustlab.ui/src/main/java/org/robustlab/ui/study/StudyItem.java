package org.robustlab.ui.study;

import java.util.Objects;

/**
 * One saliency overlay a reader rates: the model and method that produced it and the test image. Readers see
 * only {@link #blindedId()}; the model stays hidden until the summary.
 *
 * @param model the model name
 * @param method the saliency method id
 * @param caseIndex the image index in the run's saliency results
 */
public record StudyItem(String model, String method, int caseIndex) {

    public StudyItem {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        if (model.contains(",") || method.contains(",")) {
            throw new IllegalArgumentException(
                    "Model and method ids must not contain commas: " + model + ", " + method);
        }
    }

    /** Returns the key under which ratings are stored: {@code model|method|case}. */
    public String key() {
        return model + "|" + method + "|" + caseIndex;
    }

    /** Returns an id that does not reveal the model: a hex hash of the key. */
    public String blindedId() {
        return String.format("%08x", key().hashCode());
    }
}
