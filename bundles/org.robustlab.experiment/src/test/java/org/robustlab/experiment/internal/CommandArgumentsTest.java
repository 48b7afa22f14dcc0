package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.core.model.Branch;

/** Argument parsing and output folders of {@code robustlab explain} and {@code robustlab evaluate}. */
class CommandArgumentsTest {

    @TempDir
    Path temporary;

    @Test
    void explainParametersBelongToTheMethodBeforeThem() {
        ExplainArguments arguments = ExplainArguments.parse(List.of(
                "runs/1/abc",
                "--method",
                "integrated-gradients",
                "--param",
                "steps=64",
                "--param",
                "baseline.kind=mean",
                "--method",
                "smoothgrad",
                "--param",
                "noiseLevel=1e-1",
                "--model",
                "pgd",
                "--cases",
                "4",
                "--branch",
                "adversarial",
                "--target",
                "lesion"));

        assertThat(arguments.runFolder()).isEqualTo("runs/1/abc");
        assertThat(arguments.methods())
                .extracting(ChoiceOptions.Named::id)
                .containsExactly("integrated-gradients", "smoothgrad");
        assertThat(arguments.methods().get(0).values())
                .isEqualTo(Map.of("steps", 64, "baseline", Map.of("kind", "mean")));
        assertThat(arguments.methods().get(1).values()).isEqualTo(Map.of("noiseLevel", 0.1));
        assertThat(arguments.models()).containsExactly("pgd");
        assertThat(arguments.cases()).isEqualTo(4);
        assertThat(arguments.branch()).isEqualTo(Branch.ADVERSARIAL);
        assertThat(arguments.target()).isEqualTo("lesion");
        assertThat(arguments.output()).isNull();
    }

    @Test
    void explainDefaultsToEveryModelAndTrueLabels() {
        ExplainArguments arguments = ExplainArguments.parse(List.of("run"));

        assertThat(arguments.models()).isEmpty();
        assertThat(arguments.methods()).isEmpty();
        assertThat(arguments.cases()).isZero();
        assertThat(arguments.branch()).isNull();
        assertThat(arguments.target()).isEqualTo(ExplainArguments.WEIGHTS);
    }

    @Test
    void explainRejectsBadValuesByName() {
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "--cases", "0")))
                .hasMessage("--cases 0: expected a whole number >= 1");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "--branch", "both")))
                .hasMessage("--branch both: unknown branch; allowed: clean, adversarial");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "--param", "steps=3")))
                .hasMessageStartingWith("--param steps=3 comes before any --method");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "--method", "occlusion", "--param", "window")))
                .hasMessage("--param window: expected KEY=VALUE, for example steps=32");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("--method", "occlusion")))
                .hasMessageStartingWith("RUN_FOLDER is missing");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "other")))
                .hasMessage("Only one RUN_FOLDER; got run and other");
        assertThatThrownBy(() -> ExplainArguments.parse(List.of("run", "--colour")))
                .hasMessage("Unknown option --colour");
    }

    @Test
    void evaluateAttackIsTheRobustnessSweepWithThatAttack() {
        EvaluateArguments arguments = EvaluateArguments.parse(List.of(
                "run",
                "--metric",
                "auroc",
                "--param",
                "bootstrapReplicates=200",
                "--attack",
                "pgd",
                "--param",
                "epsilons=[0, 0.005, 0.01]",
                "--method",
                "grad-cam",
                "--param",
                "relu=false",
                "--output",
                "out"));

        assertThat(arguments.metrics())
                .extracting(ChoiceOptions.Named::id)
                .containsExactly("auroc", EvaluateArguments.SWEEP);
        assertThat(arguments.metrics().get(0).values()).isEqualTo(Map.of("bootstrapReplicates", 200));
        assertThat(arguments.metrics().get(1).values())
                .isEqualTo(Map.of("attack", "pgd", "epsilons", List.of(0, 0.005, 0.01)));
        assertThat(arguments.methods()).extracting(ChoiceOptions.Named::id).containsExactly("grad-cam");
        assertThat(arguments.methods().get(0).values()).isEqualTo(Map.of("relu", false));
        assertThat(arguments.output()).isEqualTo("out");
    }

    @Test
    void evaluateAllMetricsStandsAlone() {
        assertThatThrownBy(() -> EvaluateArguments.parse(List.of("run", "--metric", "all", "--metric", "auroc")))
                .hasMessageStartingWith("--metric all runs every installed metric");
        assertThatThrownBy(() -> EvaluateArguments.parse(List.of("run", "--param", "x=1")))
                .hasMessageStartingWith("--param x=1 comes before any --metric, --attack or --method");
    }

    @Test
    void existingOutputFolderIsRejected() throws IOException {
        Path existing = Files.createDirectory(temporary.resolve("results"));

        assertThatThrownBy(() -> CommandArguments.outputFolder(existing, temporary, "explain"))
                .hasMessageContaining(existing.toString())
                .hasMessageContaining("never overwrite");
    }

    @Test
    void defaultOutputFolderTakesTheNextFreeNumber() throws IOException {
        Files.createDirectory(temporary.resolve("explain-1"));
        Files.createDirectory(temporary.resolve("explain-2"));

        Path chosen = CommandArguments.outputFolder(null, temporary, "explain");

        assertThat(chosen).isEqualTo(temporary.resolve("explain-3"));
        assertThat(chosen).doesNotExist();
        CommandArguments.create(chosen);
        assertThat(chosen).isEmptyDirectory();
        assertThatThrownBy(() -> CommandArguments.create(chosen)).isInstanceOf(IOException.class);
    }
}
