package org.robustlab.experiment;

import java.util.Map;
import java.util.Objects;

import org.robustlab.core.parameter.ParameterBinder;

/**
 * A contribution an experiment names, with its validated parameters.
 *
 * @param id the contribution id
 * @param parameters the contribution's parameter record, defaults filled in
 */
public record ContributionChoice(String id, Record parameters) {

    public ContributionChoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** Returns the parameters as plain maps and lists, as written to the effective configuration. */
    public Map<String, Object> parameterValues() {
        return ParameterBinder.toMap(parameters);
    }

    /** Returns the parameter record cast to the type the contribution declares. */
    @SuppressWarnings("unchecked")
    public <P extends Record> P typedParameters() {
        return (P) parameters;
    }
}
