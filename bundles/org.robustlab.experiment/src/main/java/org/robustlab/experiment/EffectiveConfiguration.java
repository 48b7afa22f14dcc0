package org.robustlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.robustlab.core.parameter.ParameterBinder;

/** Turns a validated experiment back into an experiment-file tree with every default written out. */
final class EffectiveConfiguration {

    private EffectiveConfiguration() {}

    static Map<String, Object> of(Experiment experiment) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", experiment.name());
        root.put("description", experiment.description());
        root.put("seed", experiment.seed());
        root.put("engine", experiment.engine());
        root.put("dataset", dataset(experiment.dataset()));
        root.put("architecture", choice("id", experiment.architecture()));
        root.put("training", ParameterBinder.toMap(experiment.training()));
        List<Object> models = new ArrayList<>();
        for (ModelSection model : experiment.models()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", model.name());
            entry.putAll(choice("mode", model.mode()));
            models.add(entry);
        }
        root.put("models", models);
        root.put("evaluation", evaluation(experiment.evaluation()));
        return root;
    }

    private static Map<String, Object> dataset(DatasetSection dataset) {
        Map<String, Object> section = choice("importer", dataset.importer());
        section.put("source", dataset.source().toString());
        section.put("image", ParameterBinder.toMap(dataset.image()));
        section.put("split", ParameterBinder.toMap(dataset.split()));
        return section;
    }

    private static Map<String, Object> evaluation(EvaluationSection evaluation) {
        Map<String, Object> section = new LinkedHashMap<>(ParameterBinder.toMap(evaluation.settings()));
        List<Object> attacks = new ArrayList<>();
        for (AttackSweep sweep : evaluation.attacks()) {
            Map<String, Object> entry = choice("id", sweep.attack());
            entry.put("epsilons", sweep.epsilons());
            entry.put("scaleWithEpsilon", sweep.scaledParameters());
            entry.put("branch", sweep.dualBranch().name().toLowerCase(Locale.ROOT));
            attacks.add(entry);
        }
        section.put("attacks", attacks);
        section.put("saliency", choices(evaluation.saliency()));
        section.put("metrics", choices(evaluation.metrics()));
        return section;
    }

    private static List<Object> choices(List<ContributionChoice> choices) {
        List<Object> list = new ArrayList<>();
        for (ContributionChoice choice : choices) {
            list.add(choice("id", choice));
        }
        return list;
    }

    private static Map<String, Object> choice(String idKey, ContributionChoice choice) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(idKey, choice.id());
        entry.put("parameters", choice.parameterValues());
        return entry;
    }
}
