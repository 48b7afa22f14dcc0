package org.robustlab.core.contribution;

/**
 * A contribution whose behaviour is set by a parameter record.
 *
 * <p>The record's components are the parameters; its compact constructor validates them and each component
 * may carry {@link org.robustlab.core.parameter.Parameter} for its description, unit and range. Experiment
 * files bind onto the record with {@link org.robustlab.core.parameter.ParameterBinder}, and the workbench
 * generates its forms from it, so a new contribution needs no parsing or UI code.
 *
 * @param <P> the parameter record type
 */
public interface Configurable<P extends Record> {

    /** Returns the parameter record class. */
    Class<P> parameterType();

    /** Returns the parameters used when an experiment names none. */
    P defaultParameters();
}
