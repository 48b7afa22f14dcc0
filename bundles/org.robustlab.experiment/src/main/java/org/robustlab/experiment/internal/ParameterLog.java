package org.robustlab.experiment.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;

/**
 * Logs configuration values as MLflow parameters: nested keys joined with dots, list entries by index, values
 * longer than MLflow's 500-character limit of older versions left to the configuration file in the artifacts.
 */
final class ParameterLog {

    private static final int MAX_VALUE_LENGTH = 500;

    private ParameterLog() {}

    /** Logs the whole effective configuration on the experiment's run. */
    static void logExperiment(StoredRun run, Experiment experiment) {
        flatten("", experiment.effectiveConfiguration()).forEach(run::logParameter);
    }

    /** Logs a model's training mode, the shared architecture and the training settings on its nested run. */
    static void logModel(StoredRun run, Experiment experiment, ModelSection model) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("mode", model.mode().id());
        values.put("mode.parameters", model.mode().parameterValues());
        values.put("architecture", experiment.architecture().id());
        values.put("architecture.parameters", experiment.architecture().parameterValues());
        values.put("training", ParameterBinder.toMap(experiment.training()));
        values.put("engine", experiment.engine());
        values.put("seed", experiment.seed());
        flatten("", values).forEach(run::logParameter);
    }

    /** Returns scalar leaves keyed by their dotted path; lists of scalars stay one value. */
    static Map<String, String> flatten(String prefix, Object value) {
        Map<String, String> leaves = new LinkedHashMap<>();
        collect(prefix, value, leaves);
        return leaves;
    }

    private static void collect(String key, Object value, Map<String, String> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.forEach(
                    (name, child) -> collect(key.isEmpty() ? String.valueOf(name) : key + "." + name, child, leaves));
        } else if (value instanceof List<?> list && list.stream().anyMatch(ParameterLog::isComposite)) {
            for (int i = 0; i < list.size(); i++) {
                collect(key + "." + i, list.get(i), leaves);
            }
        } else {
            String text = String.valueOf(value);
            if (text.length() <= MAX_VALUE_LENGTH && !key.isEmpty()) {
                leaves.put(RunStore.sanitizeKey(key), text);
            }
        }
    }

    private static boolean isComposite(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }
}
