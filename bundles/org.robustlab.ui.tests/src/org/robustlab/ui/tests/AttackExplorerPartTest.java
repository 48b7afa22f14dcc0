package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.experiment.RunSummary;
import org.robustlab.ui.attacks.AttackOutcome;
import org.robustlab.ui.parts.AttackExplorerPart;
import org.robustlab.ui.saliency.SaliencyRun;

/** The attack explorer on the trained models of a real run of the quick lesion benchmark. */
class AttackExplorerPartTest {

    @Test
    void pgdStaysInEpsilonBallAndShowsEveryModel() throws Exception {
        RunSummary run = TinyRun.get();
        AttackExplorerPart part = Workbench.showPart("attacks", "attacks", AttackExplorerPart.class);
        part.chooser().select(run.runFolder());
        part.chooseAttack("pgd");
        part.setEpsilon(0.02);
        part.setImage(1);
        part.runAttack();
        Workbench.flush();
        Workbench.screenshot("attack-explorer.png");
        INDArray original = SaliencyRun.read(run.runFolder()).imageTensor(1);

        assertThat(((Text) part.form().field("epsilon")).getText()).isEqualTo("0.0200");
        assertThat(part.status().getText()).startsWith("Attack pgd at epsilon 0.0200");
        // standard, pgd, and dual-bn through the clean and the adversarial branch
        assertThat(part.outcomes()).extracting(AttackOutcome::model)
                .containsExactly("standard", "pgd", "dual-bn", "dual-bn");
        for (AttackOutcome outcome : part.outcomes()) {
            double distance = outcome.adversarial().sub(original).amaxNumber().doubleValue();
            assertThat(distance).as("L-infinity distance of %s", outcome.model()).isLessThanOrEqualTo(0.02 + 1e-6);
            assertThat(outcome.adversarial().minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
            assertThat(outcome.adversarial().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
            assertThat(outcome.before()[0]).isBetween(0.0, 1.0);
            assertThat(outcome.after()[0]).isBetween(0.0, 1.0);
            assertThat(outcome.gradientPasses()).isGreaterThan(0);
        }
        assertThat(part.results().getChildren()).hasSize(4 + 4 * 4);
    }

    @Test
    void zeroEpsilonLeavesImageAndProbabilitiesUnchanged() throws Exception {
        RunSummary run = TinyRun.get();
        AttackExplorerPart part = Workbench.showPart("attacks", "attacks", AttackExplorerPart.class);
        part.chooser().select(run.runFolder());
        part.chooseAttack("fgsm");
        part.setEpsilon(0);
        part.setImage(0);
        part.runAttack();

        assertThat(part.outcomes()).isNotEmpty();
        for (AttackOutcome outcome : part.outcomes()) {
            assertThat(outcome.after()[0]).isCloseTo(outcome.before()[0], within(1e-5));
        }
    }
}
