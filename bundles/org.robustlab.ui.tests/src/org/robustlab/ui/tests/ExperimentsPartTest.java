package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.ui.parts.ExperimentsPart;

/** The experiments part: a generated attack form, a run as a job with live curves, cancellation and history. */
class ExperimentsPartTest {

    @Test
    void launcherRunsQuickBenchmarkWithChosenAttack(@TempDir Path store) throws Exception {
        ExperimentsPart part = Workbench.showPart("experiments", "experiments", ExperimentsPart.class);
        part.setStore(store);
        part.configure("quick", TinyRun.ENGINE);
        part.chooseAttack("fgsm");
        assertThat(part.form().names()).contains("norm", "epsilon", "randomStart", "stepScale");
        ((Text) part.form().field("epsilon")).setText("0.004");
        Job job = part.launch();
        assertThat(job).as("job started; status: %s", part.status().getText()).isNotNull();
        Workbench.waitUntil("the run job", 900, () -> job.getResult() != null);
        Workbench.flush();
        Workbench.screenshot("experiments.png");
        Path run = Files.list(store.resolve("1"))
                .filter(folder -> Files.isRegularFile(folder.resolve("artifacts/experiment.yaml")))
                .findFirst()
                .orElseThrow();

        assertThat(job.getResult().isOK()).as("result %s", job.getResult()).isTrue();
        assertThat(part.curves().points("standard loss")).isGreaterThan(0);
        assertThat(part.curves().points("pgd adversarial")).isGreaterThan(0);
        assertThat(Files.readString(run.resolve("params/evaluation.attacks.0.id")).strip()).isEqualTo("fgsm");
        assertThat(Files.readString(run.resolve("params/evaluation.attacks.0.parameters.epsilon")).strip())
                .isEqualTo("0.004");
        assertThat(Arrays.stream(part.runs().getItems()).map(item -> item.getText(2)))
                .contains("FINISHED");
    }

    @Test
    void cancellingTheJobStopsTheRun(@TempDir Path store) throws Exception {
        ExperimentsPart part = Workbench.showPart("experiments", "experiments", ExperimentsPart.class);
        part.setStore(store);
        part.configure("quick", TinyRun.ENGINE);
        part.chooseAttack("pgd");
        Job job = part.launch();
        Workbench.waitUntil("the first training batch", 600, () -> part.curves().points("standard loss") > 0
                || job.getResult() != null);
        job.cancel();
        Workbench.waitUntil("the cancelled job", 300, () -> job.getResult() != null);
        Workbench.flush();

        assertThat(job.getResult().getSeverity()).isEqualTo(IStatus.CANCEL);
        assertThat(part.status().getText()).startsWith("Cancelled");
        assertThat(Arrays.stream(part.runs().getItems()).map(TableItem::getText)).isNotEmpty();
    }
}
