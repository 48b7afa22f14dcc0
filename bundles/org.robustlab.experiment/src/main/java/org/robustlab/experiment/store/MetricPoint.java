package org.robustlab.experiment.store;

/**
 * One logged value of a metric.
 *
 * @param timestamp milliseconds since the Unix epoch
 * @param value the value
 * @param step the step it was logged at, for example the epoch
 */
public record MetricPoint(long timestamp, double value, long step) {}
