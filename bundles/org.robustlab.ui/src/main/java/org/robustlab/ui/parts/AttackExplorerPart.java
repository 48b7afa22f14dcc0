package org.robustlab.ui.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.store.StoredRun;
import org.robustlab.ui.attacks.AttackOutcome;
import org.robustlab.ui.attacks.RunModels;
import org.robustlab.ui.forms.ParameterForm;
import org.robustlab.ui.image.ImageCanvas;
import org.robustlab.ui.image.Rasters;
import org.robustlab.ui.image.Viewport;
import org.robustlab.ui.runs.RunChooser;
import org.robustlab.ui.saliency.SaliencyRun;

/**
 * The attack explorer: for a test image of a run, an attack from the installed generators and an epsilon, the
 * original, the adversarial image and the perturbation (amplified to the full grey range) of every model, with
 * the class probabilities before and after. Dual-BN models are attacked through either branch.
 */
public class AttackExplorerPart {

    /** Largest epsilon of the slider; the slider has 100 steps. */
    static final double MAX_EPSILON = 0.05;

    @Inject
    @Optional
    ExperimentRunner runner;

    @Inject
    @Optional
    AttackGenerators attacks;

    @Inject
    @Optional
    ModelArchitectures architectures;

    @Inject
    @Optional
    TrainingModes modes;

    @Inject
    @Optional
    Engines engines;

    private RunChooser chooser;

    private Spinner image;

    private Combo attack;

    private Scale epsilon;

    private Label epsilonLabel;

    private Composite formHolder;

    private ParameterForm form;

    private Label status;

    private Composite results;

    private ScrolledComposite scroll;

    private SaliencyRun images;

    private RunModels models;

    private final List<AttackOutcome> outcomes = new ArrayList<>();

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        chooser = new RunChooser(parent, this::openRun);
        chooser.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(8, false));
        new Label(bar, SWT.NONE).setText("Image:");
        image = new Spinner(bar, SWT.BORDER);
        new Label(bar, SWT.NONE).setText("Attack:");
        attack = new Combo(bar, SWT.READ_ONLY);
        if (attacks != null) {
            attacks.list().stream().map(ContributionInfo::id).forEach(attack::add);
        }
        attack.addListener(SWT.Selection, event -> rebuildForm());
        new Label(bar, SWT.NONE).setText("Epsilon:");
        epsilon = new Scale(bar, SWT.HORIZONTAL);
        epsilon.setMaximum(100);
        epsilon.setSelection(20);
        epsilon.addListener(SWT.Selection, event -> epsilonChanged());
        epsilonLabel = new Label(bar, SWT.NONE);
        epsilonLabel.setLayoutData(new GridData(60, SWT.DEFAULT));
        org.eclipse.swt.widgets.Button run = new org.eclipse.swt.widgets.Button(bar, SWT.PUSH);
        run.setText("Attack");
        run.addListener(SWT.Selection, event -> runAttack());
        formHolder = new Composite(parent, SWT.NONE);
        formHolder.setLayout(new org.eclipse.swt.layout.FillLayout());
        formHolder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Choose a finished run, an image and an attack.");
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        results = new Composite(scroll, SWT.NONE);
        scroll.setContent(results);
        if (attack.getItemCount() > 0) {
            attack.select(Math.max(0, attack.indexOf("pgd")));
            rebuildForm();
        }
        chooser.setStore(RunChooser.defaultStore());
    }

    /** Loads the test images and the trained models of a run. */
    public void openRun(StoredRun run) {
        openRunFolder(run.folder());
    }

    /** Loads the test images and the trained models of the run in {@code folder}. */
    public void openRunFolder(Path folder) {
        closeModels();
        try {
            images = SaliencyRun.read(folder);
            models = RunModels.load(folder, new RunModels.Services(runner, architectures, modes, engines));
            image.setValues(1, 1, images.cases(), 0, 1, 5);
            status.setText(
                    images.cases() + " test images, models " + models.models().keySet());
        } catch (IOException | RuntimeException e) {
            status.setText("Cannot use run " + folder.getFileName() + ": " + e.getMessage());
        }
    }

    /** Chooses an attack by id and rebuilds its form. */
    public void chooseAttack(String id) {
        attack.select(attack.indexOf(id));
        rebuildForm();
    }

    /** Sets the epsilon slider to the step nearest to {@code value}. */
    public void setEpsilon(double value) {
        epsilon.setSelection((int) Math.round(value / MAX_EPSILON * epsilon.getMaximum()));
        epsilonChanged();
    }

    /** Selects the test image (from 0). */
    public void setImage(int index) {
        image.setSelection(index + 1);
    }

    /** Attacks the chosen image on every model and shows the results. */
    public void runAttack() {
        if (models == null || form == null) {
            status.setText("Choose a finished run first.");
            return;
        }
        try {
            Record parameters = form.value(attacks.get(attack.getText()).defaultParameters(), "attack");
            INDArray input = images.imageTensor(image.getSelection() - 1);
            BusyIndicator.showWhile(results.getDisplay(), () -> attackAll(input, parameters));
            showOutcomes(input);
            status.setText("Attack " + attack.getText() + " at epsilon " + epsilonLabel.getText() + " on image "
                    + image.getSelection());
        } catch (IllegalArgumentException | IllegalStateException e) {
            status.setText("Cannot attack: " + e.getMessage());
        }
    }

    /** Returns the outcomes of the last attack, one per model and branch. */
    public List<AttackOutcome> outcomes() {
        return outcomes;
    }

    /** Returns the generated attack form. */
    public ParameterForm form() {
        return form;
    }

    /** Returns the run chooser. */
    public RunChooser chooser() {
        return chooser;
    }

    /** Returns the status line. */
    public Label status() {
        return status;
    }

    /** Returns the composite with one row per outcome. */
    public Composite results() {
        return results;
    }

    @PreDestroy
    public void dispose() {
        closeModels();
    }

    private void attackAll(INDArray input, Record parameters) {
        outcomes.clear();
        var generator = attacks.get(attack.getText());
        models.models().forEach((name, model) -> {
            List<Branch> branches =
                    models.isDual(name) ? List.of(Branch.CLEAN, Branch.ADVERSARIAL) : List.of(Branch.CLEAN);
            for (Branch branch : branches) {
                outcomes.add(AttackOutcome.run(name, model, branch, models.head(), input, generator, parameters, 1));
            }
        });
    }

    private void showOutcomes(INDArray input) {
        for (var child : results.getChildren()) {
            child.dispose();
        }
        results.setLayout(new GridLayout(4, false));
        for (String heading : new String[] {"model", "original", "adversarial", "perturbation (amplified)"}) {
            new Label(results, SWT.NONE).setText(heading);
        }
        int width = images.width();
        int height = images.height();
        float[] original = first(input);
        for (AttackOutcome outcome : outcomes) {
            Label label = new Label(results, SWT.WRAP);
            label.setText(describe(outcome));
            cell(Rasters.grey(original, width, height));
            float[] adversarial = first(outcome.adversarial());
            cell(Rasters.grey(adversarial, width, height));
            cell(Rasters.grey(amplified(original, adversarial), width, height));
        }
        scroll.setMinSize(results.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        results.layout(true, true);
    }

    private String describe(AttackOutcome outcome) {
        StringBuilder text = new StringBuilder(outcome.model());
        if (models.isDual(outcome.model())) {
            text.append(" (")
                    .append(outcome.branch().name().toLowerCase(Locale.ROOT))
                    .append(" BN)");
        }
        for (int k = 0; k < outcome.before().length; k++) {
            text.append(String.format(
                    Locale.ROOT,
                    "%n%s: %.3f -> %.3f",
                    models.labels().get(k),
                    outcome.before()[k],
                    outcome.after()[k]));
        }
        return text.toString();
    }

    private void cell(org.eclipse.swt.graphics.ImageData data) {
        ImageCanvas canvas = new ImageCanvas(results, new Viewport());
        GridData layout = new GridData(160, 160);
        canvas.control().setLayoutData(layout);
        canvas.setImageData(data);
    }

    /** Returns the perturbation mapped to [0, 1] with 0.5 for no change, scaled by its largest magnitude. */
    static float[] amplified(float[] original, float[] adversarial) {
        float max = 0;
        for (int i = 0; i < original.length; i++) {
            max = Math.max(max, Math.abs(adversarial[i] - original[i]));
        }
        float[] shown = new float[original.length];
        for (int i = 0; i < original.length; i++) {
            shown[i] = max == 0 ? 0.5f : 0.5f + (adversarial[i] - original[i]) / (2 * max);
        }
        return shown;
    }

    private static float[] first(INDArray image) {
        INDArray channel = image.slice(0).slice(0);
        return channel.dup().reshape(channel.length()).toFloatVector();
    }

    private void epsilonChanged() {
        double value = epsilon.getSelection() * MAX_EPSILON / epsilon.getMaximum();
        epsilonLabel.setText(String.format(Locale.ROOT, "%.4f", value));
        if (form != null && form.names().contains("epsilon")) {
            ((Text) form.field("epsilon")).setText(String.format(Locale.ROOT, "%.4f", value));
        }
    }

    private void rebuildForm() {
        if (form != null) {
            form.control().dispose();
        }
        form = new ParameterForm(formHolder, attacks.get(attack.getText()).defaultParameters());
        epsilonChanged();
        formHolder.getParent().layout(true, true);
    }

    private void closeModels() {
        if (models != null) {
            models.close();
            models = null;
        }
    }
}
