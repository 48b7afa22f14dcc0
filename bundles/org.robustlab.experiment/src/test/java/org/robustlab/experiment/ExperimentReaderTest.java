package org.robustlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robustlab.core.model.Branch;

class ExperimentReaderTest {

    private static final String VALID = """
            name: reader test
            seed: 7
            engine: test-engine
            dataset:
              importer: test-images
              source: ${DATA_ROOT:-/data}/images
              parameters: {count: 20}
              image: {height: 32, width: 32}
              split: {validation: 0.1, test: 0.3}
            architecture: {id: test-net, parameters: {width: 4}}
            training: {epochs: 3, learningRate: 1e-3}
            models:
              - {name: standard, mode: standard}
              - {name: pgd, mode: pgd, parameters: {attack: {id: test-pgd, parameters: {epsilon: 0.01}}}}
              - name: dual-bn
                mode: dual-bn
                parameters:
                  attack: {id: test-pgd, parameters: {epsilon: 0.005, steps: 5}}
            evaluation:
              saliencyCases: 16
              attacks:
                - {id: test-pgd, epsilons: [0, 0.002, 0.004], branch: clean}
              saliency: [{id: test-gradient}]
              metrics: [{id: test-auroc, parameters: {bootstrap: 200}}]
            profiles:
              quick:
                training: {epochs: 1}
                dataset: {image: {height: 16, width: 16}}
            """;

    private static TestContributions contributions;

    private static ExperimentReader reader;

    @BeforeAll
    static void registerContributions() throws InterruptedException {
        contributions = new TestContributions();
        reader = new ExperimentReader(contributions.catalog());
    }

    @AfterAll
    static void unregisterContributions() {
        contributions.close();
    }

    private static Experiment read(String text) {
        return reader.read(text, "test.yaml", Path.of("/experiments"), new ReadOptions("", "", Map.of()));
    }

    private static Experiment read(String text, ReadOptions options) {
        return reader.read(text, "test.yaml", Path.of("/experiments"), options);
    }

    @Test
    void validFileBindsEveryParameter() {
        Experiment experiment = read(VALID);

        assertThat(experiment.name()).isEqualTo("reader test");
        assertThat(experiment.seed()).isEqualTo(7);
        assertThat(experiment.training().epochs()).isEqualTo(3);
        assertThat(experiment.training().learningRate()).isEqualTo(1e-3);
        assertThat(experiment.training().batchSize())
                .isEqualTo(TrainingSettings.defaults().batchSize());
        assertThat(experiment.dataset().image()).isEqualTo(new ImageSettings(32, 32, 1));
        assertThat(experiment.dataset().split()).isEqualTo(new SplitSettings(0.1, 0.3));
        assertThat(experiment.models()).extracting(ModelSection::name).containsExactly("standard", "pgd", "dual-bn");
        TestContributions.AdversarialParameters dual =
                experiment.models().get(2).mode().typedParameters();
        assertThat(dual.attack().parameters()).isEqualTo(new TestContributions.AttackParameters(0.005, 0.0025, 5));
        assertThat(experiment.evaluation().attacks().get(0).epsilons()).containsExactly(0.0, 0.002, 0.004);
        assertThat(experiment.evaluation().attacks().get(0).dualBranch()).isEqualTo(Branch.CLEAN);
        assertThat(experiment.evaluation().settings().saliencyCases()).isEqualTo(16);
        assertThat(experiment.baseline().name()).isEqualTo("standard");
    }

    @Test
    void sourceExpandsDefaultOfUnsetVariable() {
        assertThat(read(VALID).dataset().source()).isEqualTo(Path.of("/data/images"));
    }

    @Test
    void sourceExpandsSetVariable() {
        Experiment experiment = read(VALID, new ReadOptions("", "", Map.of("DATA_ROOT", "/mnt/scans")));

        assertThat(experiment.dataset().source()).isEqualTo(Path.of("/mnt/scans/images"));
    }

    @Test
    void sourceWithUnsetVariableWithoutDefaultIsRejected() {
        String text = VALID.replace("${DATA_ROOT:-/data}", "${DATA_ROOT}");

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("dataset.source")
                .hasMessageContaining("DATA_ROOT is not set");
    }

    @Test
    void nestedOutOfRangeValueNamesFullPath() {
        String text = VALID.replace("{epsilon: 0.005, steps: 5}", "{epsilon: 2, steps: 5}");

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageStartingWith("models[2].parameters.attack.parameters.epsilon: ")
                .hasMessageContaining("[0, 1]");
    }

    @Test
    void unknownTopLevelKeyListsAllowedKeys() {
        assertThatThrownBy(() -> read(VALID + "trainng: {epochs: 2}\n"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageStartingWith("trainng: unknown key")
                .hasMessageContaining("training");
    }

    @Test
    void unknownParameterKeyNamesPathAndAllowedKeys() {
        String text = VALID.replace("parameters: {width: 4}", "parameters: {widht: 4}");

        assertThatThrownBy(() -> read(text))
                .hasMessageStartingWith("architecture.parameters.widht: unknown key")
                .hasMessageContaining("[width, widths]");
    }

    @Test
    void wrongTypeNamesExpectedType() {
        String text = VALID.replace("epochs: 3", "epochs: three");

        assertThatThrownBy(() -> read(text))
                .hasMessageStartingWith("training.epochs: ")
                .hasMessageContaining("expected a number");
    }

    @Test
    void unknownModeListsInstalledModes() {
        String text = VALID.replace("mode: standard}", "mode: standrad}");

        assertThatThrownBy(() -> read(text))
                .hasMessageStartingWith("models[0].mode: unknown training mode 'standrad'")
                .hasMessageContaining("dual-bn")
                .hasMessageContaining("pgd")
                .hasMessageContaining("standard");
    }

    @Test
    void unknownEngineListsInstalledEngines() {
        assertThatThrownBy(() -> read(VALID, new ReadOptions("", "cuda", Map.of())))
                .hasMessageStartingWith("engine: unknown engine 'cuda'")
                .hasMessageContaining("test-engine");
    }

    @Test
    void outOfRangeSweepEpsilonNamesItsIndex() {
        String text = VALID.replace("epsilons: [0, 0.002, 0.004]", "epsilons: [0, 1.5]");

        assertThatThrownBy(() -> read(text)).hasMessageStartingWith("evaluation.attacks[0].epsilons[1]");
    }

    @Test
    void scaledSweepParameterMustBeDecimal() {
        String text = VALID.replace("branch: clean}", "branch: clean, scaleWithEpsilon: [steps]}");

        assertThatThrownBy(() -> read(text))
                .hasMessageStartingWith("evaluation.attacks[0].scaleWithEpsilon: 'steps' is not a decimal parameter");
    }

    @Test
    void scaledSweepParameterFollowsEpsilon() {
        String text = VALID.replace(
                "{id: test-pgd, epsilons: [0, 0.002, 0.004], branch: clean}",
                "{id: test-pgd, parameters: {epsilon: 0.004, stepSize: 0.002}, epsilons: [0, 0.002],"
                        + " scaleWithEpsilon: [stepSize]}");

        AttackSweep sweep = read(text).evaluation().attacks().get(0);

        TestContributions.AttackParameters atBudget = (TestContributions.AttackParameters) sweep.parametersAt(0.002);
        assertThat(atBudget.epsilon()).isEqualTo(0.002);
        assertThat(atBudget.stepSize()).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(atBudget.steps()).isEqualTo(10);
        assertThat(sweep.dualBranch()).isEqualTo(Branch.ADVERSARIAL);
    }

    @Test
    void unknownSweepBranchListsBranches() {
        String text = VALID.replace("branch: clean}", "branch: both}");

        assertThatThrownBy(() -> read(text))
                .hasMessageStartingWith("evaluation.attacks[0].branch: unknown value 'both'")
                .hasMessageContaining("[clean, adversarial]");
    }

    @Test
    void duplicateModelNameIsRejected() {
        String text = VALID.replace("name: dual-bn", "name: pgd");

        assertThatThrownBy(() -> read(text)).hasMessageStartingWith("models[2].name: duplicate model name 'pgd'");
    }

    @Test
    void baselineMustNameAModel() {
        String text = VALID.replace("saliencyCases: 16", "saliencyCases: 16\n  baseline: naive");

        assertThatThrownBy(() -> read(text)).hasMessageStartingWith("evaluation.baseline: no model is named 'naive'");
    }

    @Test
    void quickProfileOverridesValues() {
        Experiment experiment = read(VALID, new ReadOptions("quick", "", Map.of()));

        assertThat(experiment.training().epochs()).isEqualTo(1);
        assertThat(experiment.training().learningRate()).isEqualTo(1e-3);
        assertThat(experiment.dataset().image().height()).isEqualTo(16);
        assertThat(experiment.profile()).isEqualTo("quick");
    }

    @Test
    void missingProfileNamesDefinedProfiles() {
        assertThatThrownBy(() -> read(VALID, new ReadOptions("gpu", "", Map.of())))
                .hasMessageStartingWith("profiles: the file defines no profile 'gpu'")
                .hasMessageContaining("[quick]");
    }

    @Test
    void syntaxErrorNamesLine() {
        assertThatThrownBy(() -> read("name: x\nmodels: [\n"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageStartingWith("test.yaml:");
    }

    @Test
    void duplicateKeyIsRejected() {
        assertThatThrownBy(() -> read("name: x\nname: y\n")).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void missingModelsAreReported() {
        String text = VALID.substring(0, VALID.indexOf("models:")) + VALID.substring(VALID.indexOf("evaluation:"));

        assertThatThrownBy(() -> read(text)).hasMessageStartingWith("models: missing value");
    }

    @Test
    void effectiveConfigurationReadsBackToSameExperiment() throws Exception {
        Experiment experiment = read(VALID, new ReadOptions("quick", "", Map.of()));
        String yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .writeValueAsString(experiment.effectiveConfiguration());

        Experiment again = read(yaml);

        assertThat(again.effectiveConfiguration()).isEqualTo(experiment.effectiveConfiguration());
        assertThat(again.models().get(1).mode().parameters())
                .isEqualTo(experiment.models().get(1).mode().parameters());
        assertThat(List.copyOf(again.evaluation().attacks().get(0).epsilons()))
                .isEqualTo(experiment.evaluation().attacks().get(0).epsilons());
    }
}
