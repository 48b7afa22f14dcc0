package org.robustlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.core.model.Branch;
import org.robustlab.core.parameter.InvalidParameterException;
import org.robustlab.core.parameter.ParameterBinder;

/** Checks an experiment tree section by section and binds every parameter to its record. */
final class ExperimentValidator {

    private static final Pattern EXPERIMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final ContributionCatalog catalog;

    private final Map<String, String> environment;

    private final Path baseDirectory;

    ExperimentValidator(ContributionCatalog catalog, Map<String, String> environment, Path baseDirectory) {
        this.catalog = catalog;
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    Experiment validate(Map<String, Object> tree, String profile) {
        ConfigSection root = ConfigSection.of(tree, "")
                .allowOnly(
                        "name",
                        "description",
                        "seed",
                        "engine",
                        "dataset",
                        "architecture",
                        "training",
                        "models",
                        "evaluation");
        String name = root.string("name");
        if (!EXPERIMENT_NAME.matcher(name).matches()) {
            throw new InvalidExperimentException(
                    "name",
                    "'" + name + "' is not allowed; use up to 100 letters, digits, spaces, dots, dashes and"
                            + " underscores, starting with a letter or digit");
        }
        String engine = registered(catalog.engines(), root.string("engine"), "engine");
        DatasetSection dataset = dataset(requiredSection(root, "dataset"));
        ContributionChoice architecture = choice(catalog.architectures(), requiredSection(root, "architecture"), "id");
        TrainingSettings training = bind(TrainingSettings.defaults(), root.map("training"), "training");
        List<ModelSection> models = models(root);
        EvaluationSection evaluation = evaluation(root.section("evaluation"), models);
        return new Experiment(
                name,
                root.string("description", ""),
                root.wholeNumber("seed", 0),
                engine,
                dataset,
                architecture,
                training,
                models,
                evaluation,
                profile);
    }

    private DatasetSection dataset(ConfigSection section) {
        section.allowOnly("importer", "source", "parameters", "image", "split");
        ContributionChoice importer = choice(catalog.importers(), section, "importer");
        String sourceText = section.string("source");
        Path source = SourcePaths.resolve(sourceText, environment, baseDirectory, section.pathOf("source"));
        ImageSettings image = bind(ImageSettings.defaults(), section.map("image"), section.pathOf("image"));
        SplitSettings split = bind(SplitSettings.defaults(), section.map("split"), section.pathOf("split"));
        return new DatasetSection(importer, source, sourceText, image, split);
    }

    private List<ModelSection> models(ConfigSection root) {
        List<ConfigSection> sections = root.sections("models");
        if (sections.isEmpty()) {
            throw new InvalidExperimentException(
                    "models",
                    "missing value; list at least one model to train, for"
                            + " example '- {name: standard, mode: standard}'");
        }
        Set<String> names = new HashSet<>();
        List<ModelSection> models = new ArrayList<>();
        for (ConfigSection section : sections) {
            section.allowOnly("name", "mode", "parameters");
            String name = section.string("name");
            if (!MODEL_NAME.matcher(name).matches()) {
                throw new InvalidExperimentException(
                        section.pathOf("name"),
                        "'" + name + "' is not allowed; use up"
                                + " to 40 lower-case letters, digits and dashes, starting with a letter or digit");
            }
            if (!names.add(name)) {
                throw new InvalidExperimentException(section.pathOf("name"), "duplicate model name '" + name + "'");
            }
            models.add(new ModelSection(name, choice(catalog.modes(), section, "mode")));
        }
        return models;
    }

    private EvaluationSection evaluation(ConfigSection section, List<ModelSection> models) {
        List<String> listKeys = List.of("attacks", "saliency", "metrics");
        List<String> allowed = new ArrayList<>(listKeys);
        for (var component : EvaluationSettings.class.getRecordComponents()) {
            allowed.add(component.getName());
        }
        section.allowOnly(allowed.toArray(String[]::new));
        Map<String, Object> settingValues = new LinkedHashMap<>(section.copy());
        listKeys.forEach(settingValues::remove);
        EvaluationSettings settings = bind(EvaluationSettings.defaults(), settingValues, section.path());
        if (!settings.baseline().isEmpty()
                && models.stream().noneMatch(model -> model.name().equals(settings.baseline()))) {
            throw new InvalidExperimentException(
                    section.pathOf("baseline"),
                    "no model is named '"
                            + settings.baseline() + "'; models: "
                            + models.stream().map(ModelSection::name).toList());
        }
        List<AttackSweep> attacks = new ArrayList<>();
        for (ConfigSection attack : section.sections("attacks")) {
            attacks.add(attackSweep(attack));
        }
        List<ContributionChoice> saliency = new ArrayList<>();
        for (ConfigSection method : section.sections("saliency")) {
            saliency.add(choice(catalog.saliency(), method.allowOnly("id", "parameters"), "id"));
        }
        List<ContributionChoice> metrics = new ArrayList<>();
        for (ConfigSection metric : section.sections("metrics")) {
            metrics.add(choice(catalog.metrics(), metric.allowOnly("id", "parameters"), "id"));
        }
        return new EvaluationSection(settings, attacks, saliency, metrics);
    }

    private AttackSweep attackSweep(ConfigSection section) {
        section.allowOnly("id", "parameters", "epsilons", "scaleWithEpsilon", "branch");
        ContributionChoice attack = choice(catalog.attacks(), section, "id");
        boolean hasEpsilon = false;
        for (var component : attack.parameters().getClass().getRecordComponents()) {
            hasEpsilon |= component.getName().equals(AttackSweep.EPSILON);
        }
        if (!hasEpsilon) {
            throw new InvalidExperimentException(
                    section.pathOf("id"),
                    "attack '" + attack.id() + "' has no parameter 'epsilon', so it cannot be swept over budgets");
        }
        Object raw = section.raw("epsilons");
        if (!(raw instanceof List<?> values) || values.isEmpty()) {
            throw new InvalidExperimentException(
                    section.pathOf("epsilons"),
                    "expected a non-empty list of budgets"
                            + " in input units, for example [0, 0.002, 0.005], found "
                            + (raw == null ? "nothing" : ConfigSection.describe(raw)));
        }
        List<Double> epsilons = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String path = section.pathOf("epsilons") + "[" + i + "]";
            if (!(values.get(i) instanceof Number number)
                    || !(number.doubleValue() >= 0)
                    || Double.isInfinite(number.doubleValue())) {
                throw new InvalidExperimentException(
                        path,
                        "expected a finite number >= 0, found "
                                + (values.get(i) == null ? "nothing" : ConfigSection.describe(values.get(i))));
            }
            epsilons.add(number.doubleValue());
        }
        List<String> scaled = scaledParameters(section, attack);
        AttackSweep sweep = new AttackSweep(attack, epsilons, scaled, branch(section));
        for (int i = 0; i < epsilons.size(); i++) {
            String path = section.pathOf("epsilons") + "[" + i + "]";
            try {
                sweep.parametersAt(epsilons.get(i));
            } catch (InvalidParameterException e) {
                throw new InvalidExperimentException(path, e.getMessage(), e);
            }
        }
        return sweep;
    }

    private static ConfigSection requiredSection(ConfigSection root, String key) {
        if (!root.has(key)) {
            throw new InvalidExperimentException(key, "missing value");
        }
        return root.section(key);
    }

    private static <T> String registered(ContributionRegistry<T> registry, String id, String path) {
        if (registry.info(id).isEmpty()) {
            List<String> installed =
                    registry.list().stream().map(ContributionInfo::id).toList();
            throw new InvalidExperimentException(
                    path,
                    "unknown " + registry.kind() + " '" + id + "'; installed: "
                            + (installed.isEmpty() ? "none (is the providing bundle installed?)" : installed));
        }
        return id;
    }

    private static <T extends Configurable<?>> ContributionChoice choice(
            ContributionRegistry<T> registry, ConfigSection section, String idKey) {
        String id = registered(registry, section.string(idKey), section.pathOf(idKey));
        Record defaults = registry.get(id).defaultParameters();
        Record parameters = bind(defaults, section.map("parameters"), section.pathOf("parameters"));
        return new ContributionChoice(id, parameters);
    }

    static <R extends Record> R bind(R defaults, Map<String, ?> values, String path) {
        try {
            return ParameterBinder.bind(defaults, values, path);
        } catch (InvalidParameterException e) {
            String message = e.getMessage().startsWith(e.path() + ": ")
                    ? e.getMessage().substring(e.path().length() + 2)
                    : e.getMessage();
            throw new InvalidExperimentException(e.path(), message, e);
        }
    }

    private static List<String> scaledParameters(ConfigSection section, ContributionChoice attack) {
        Object raw = section.raw("scaleWithEpsilon");
        if (raw == null) {
            return List.of();
        }
        String path = section.pathOf("scaleWithEpsilon");
        if (!(raw instanceof List<?> names)) {
            throw new InvalidExperimentException(
                    path, "expected a list of parameter names, found " + ConfigSection.describe(raw));
        }
        Map<String, Object> values = ParameterBinder.toMap(attack.parameters());
        List<String> numeric = values.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Double || entry.getValue() instanceof Float)
                .map(Map.Entry::getKey)
                .filter(name -> !name.equals(AttackSweep.EPSILON))
                .toList();
        List<String> scaled = new ArrayList<>();
        for (Object name : names) {
            if (!numeric.contains(String.valueOf(name))) {
                throw new InvalidExperimentException(
                        path,
                        "'" + name + "' is not a decimal parameter of attack '" + attack.id() + "'; allowed: "
                                + numeric);
            }
            scaled.add(String.valueOf(name));
        }
        if (!scaled.isEmpty() && ((Number) values.get(AttackSweep.EPSILON)).doubleValue() <= 0) {
            throw new InvalidExperimentException(
                    section.pathOf("parameters") + ".epsilon",
                    "must be > 0 to scale " + scaled + " with the sweep's budgets");
        }
        return scaled;
    }

    /** Returns the sweep's batch-norm branch for dual-BN models; the adversarial one when none is given. */
    private static Branch branch(ConfigSection section) {
        if (!section.has("branch")) {
            return Branch.ADVERSARIAL;
        }
        String text = section.string("branch");
        for (Branch branch : Branch.values()) {
            if (branch.name().equalsIgnoreCase(text.trim())) {
                return branch;
            }
        }
        throw new InvalidExperimentException(
                section.pathOf("branch"), "unknown value '" + text + "'; allowed values: [clean, adversarial]");
    }
}
