package org.robustlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.robustlab.core.model.Branch;
import org.robustlab.core.parameter.ParameterBinder;

/**
 * An attack evaluated at several perturbation budgets.
 *
 * @param attack the attack and its parameters; its {@code epsilon} parameter is replaced by each sweep value
 * @param epsilons the budgets, in the attack's norm and in input units ([0, 1] intensities)
 * @param scaledParameters numeric attack parameters that scale in proportion to epsilon, for example the step
 *     size of PGD: at budget e a parameter configured as v becomes {@code v * e / epsilon}, where epsilon is the
 *     configured budget
 * @param dualBranch the batch-norm branch through which dual-BN models are attacked and scored; single-BN models
 *     have one branch
 */
public record AttackSweep(
        ContributionChoice attack, List<Double> epsilons, List<String> scaledParameters, Branch dualBranch) {

    /** Name of the attack parameter that the sweep sets. */
    public static final String EPSILON = "epsilon";

    public AttackSweep {
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(dualBranch, "dualBranch");
        epsilons = List.copyOf(epsilons);
        scaledParameters = List.copyOf(scaledParameters);
    }

    /** Returns the attack's parameters at one sweep budget. */
    public Record parametersAt(double epsilon) {
        Map<String, Object> configured = ParameterBinder.toMap(attack.parameters());
        double base = ((Number) configured.get(EPSILON)).doubleValue();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(EPSILON, epsilon);
        for (String name : scaledParameters) {
            values.put(name, ((Number) configured.get(name)).doubleValue() * epsilon / base);
        }
        return ParameterBinder.bind(attack.parameters(), values, "");
    }
}
