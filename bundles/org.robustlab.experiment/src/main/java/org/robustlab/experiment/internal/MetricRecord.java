package org.robustlab.experiment.internal;

import org.robustlab.core.metric.MetricResult;

/**
 * The result of one metric under one condition: the clean test images, an attack at one budget, or the saliency
 * cases.
 *
 * @param condition {@code clean}, {@code attack} or {@code saliency}
 * @param attack the attack id under attack, otherwise empty
 * @param epsilon the attack budget under attack, otherwise NaN
 * @param metric the metric id
 * @param result the metric's result, or {@code null} when it failed or was skipped
 * @param problem why the metric failed or was skipped, otherwise empty
 */
record MetricRecord(
        String condition, String attack, double epsilon, String metric, MetricResult result, String problem) {

    static final String CLEAN = "clean";

    static final String ATTACK = "attack";

    static final String SALIENCY = "saliency";

    boolean succeeded() {
        return result != null;
    }
}
