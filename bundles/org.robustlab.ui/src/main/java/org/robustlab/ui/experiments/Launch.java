package org.robustlab.ui.experiments;

import java.util.ArrayList;
import java.util.List;

import org.robustlab.experiment.AttackSweep;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.EvaluationSection;
import org.robustlab.experiment.Experiment;

/** Changes a validated experiment as the launcher's forms request it. */
public final class Launch {

    private Launch() {}

    /**
     * Returns {@code experiment} with the attack of every evaluation sweep replaced by {@code attack}. Epsilons
     * and branch stay as the file gives them; parameters the file scales with epsilon are scaled only when the
     * new attack has them.
     */
    public static Experiment withAttack(Experiment experiment, ContributionChoice attack) {
        EvaluationSection evaluation = experiment.evaluation();
        List<AttackSweep> sweeps = new ArrayList<>();
        for (AttackSweep sweep : evaluation.attacks()) {
            List<String> scaled = sweep.scaledParameters().stream()
                    .filter(name -> hasComponent(attack.parameters(), name))
                    .toList();
            sweeps.add(new AttackSweep(attack, sweep.epsilons(), scaled, sweep.dualBranch()));
        }
        EvaluationSection changed =
                new EvaluationSection(evaluation.settings(), sweeps, evaluation.saliency(), evaluation.metrics());
        return new Experiment(
                experiment.name(),
                experiment.description(),
                experiment.seed(),
                experiment.engine(),
                experiment.dataset(),
                experiment.architecture(),
                experiment.training(),
                experiment.models(),
                changed,
                experiment.profile());
    }

    private static boolean hasComponent(Record record, String name) {
        for (var component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
