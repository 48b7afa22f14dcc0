package org.robustlab.ui.parts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.FrameworkUtil;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.event.TrainingProgress;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.RunSummary;
import org.robustlab.experiment.store.StoredRun;
import org.robustlab.ui.charts.ChartCanvas;
import org.robustlab.ui.experiments.Launch;
import org.robustlab.ui.experiments.LiveCurves;
import org.robustlab.ui.forms.ParameterForm;
import org.robustlab.ui.preferences.WorkbenchSettings;
import org.robustlab.ui.runs.RunChooser;

/**
 * The experiments part: launches the bundled lesion benchmark with the evaluation attack chosen from the
 * installed attack generators, its form generated from the attack's parameter record; runs it as an Eclipse job
 * with progress and cancellation; draws the training curves live; lists the runs of the store.
 */
public class ExperimentsPart {

    static final String BUNDLED_EXPERIMENT = "experiments/lesion-benchmark.yaml";

    @Inject
    @Optional
    ExperimentRunner runner;

    @Inject
    @Optional
    AttackGenerators attacks;

    private Combo profile;

    private Combo engine;

    private Combo attack;

    private Composite formHolder;

    private ParameterForm form;

    private Label status;

    private RunChooser history;

    private Table runs;

    private final LiveCurves curves = new LiveCurves();

    private ChartCanvas lossCanvas;

    private ChartCanvas accuracyCanvas;

    private Job job;

    private Path store = RunChooser.defaultStore();

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        createLauncher(new Composite(sash, SWT.NONE));
        SashForm right = new SashForm(sash, SWT.VERTICAL);
        lossCanvas = new ChartCanvas(right, curves.lossChart());
        accuracyCanvas = new ChartCanvas(right, curves.accuracyChart());
        createHistory(new Composite(right, SWT.NONE));
        sash.setWeights(4, 6);
        refreshHistory();
    }

    /** Chooses the evaluation attack by id and rebuilds its form. */
    public void chooseAttack(String id) {
        int index = attack.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("No attack " + id + " among " + List.of(attack.getItems()));
        }
        attack.select(index);
        rebuildForm();
    }

    /** Sets the profile ("" or "quick") and the engine id for the next run. */
    public void configure(String profileName, String engineId) {
        profile.setText(profileName);
        engine.setText(engineId);
    }

    /** Sets the run store the runs are written to and listed from. */
    public void setStore(Path folder) {
        store = folder;
        refreshHistory();
    }

    /** Starts a run of the bundled experiment with the chosen settings as a job and returns it. */
    public Job launch() {
        Experiment experiment;
        String text;
        try {
            text = bundledExperiment();
            ReadOptions options =
                    ReadOptions.none().withProfile(profile.getText()).withEngine(engine.getText());
            experiment = runner.reader().read(text, "lesion-benchmark.yaml", store, options);
            Record parameters = form.value(attacks.get(attack.getText()).defaultParameters(), "attack");
            experiment = Launch.withAttack(experiment, new ContributionChoice(attack.getText(), parameters));
        } catch (IOException | IllegalArgumentException e) {
            status.setText("Cannot start: " + e.getMessage());
            return null;
        }
        curves.clear();
        Experiment chosen = experiment;
        Display display = status.getDisplay();
        job = Job.create("Run " + experiment.name(), (IJobFunction) monitor -> run(chosen, text, display, monitor));
        job.setUser(true);
        job.schedule();
        status.setText("Running " + experiment.name() + " with attack " + attack.getText());
        return job;
    }

    /** Returns the job of the last run, or {@code null}. */
    public Job job() {
        return job;
    }

    /** Returns the live curves. */
    public LiveCurves curves() {
        return curves;
    }

    /** Returns the generated form of the chosen attack. */
    public ParameterForm form() {
        return form;
    }

    /** Returns the run history table. */
    public Table runs() {
        return runs;
    }

    /** Returns the status line. */
    public Label status() {
        return status;
    }

    /** Lists the runs of the store again. */
    public void refreshHistory() {
        history.setStore(store);
        runs.removeAll();
        for (StoredRun run : history.runs()) {
            new TableItem(runs, SWT.NONE).setText(new String[] {
                RunChooser.describe(run).substring(0, 16),
                run.runName(),
                run.status().name(),
                run.runId()
            });
        }
        for (TableColumn column : runs.getColumns()) {
            column.pack();
        }
    }

    private IStatus run(Experiment experiment, String text, Display display, IProgressMonitor monitor) {
        RunListener listener = new RunListener() {
            @Override
            public void trainingProgress(TrainingProgress progress) {
                display.asyncExec(() -> addProgress(progress));
            }
        };
        try {
            RunSummary summary = runner.run(experiment, text, store, listener, monitor);
            display.asyncExec(() -> finished("Finished run " + summary.runId()));
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            display.asyncExec(() -> finished("Cancelled; the run can be resumed"));
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            display.asyncExec(() -> finished("Run failed: " + e.getMessage()));
            return org.robustlab.ui.handlers.Problems.status(
                    "Run of " + experiment.name() + " failed: " + e.getMessage(), e);
        }
    }

    private void addProgress(TrainingProgress progress) {
        if (lossCanvas.control().isDisposed()) {
            return;
        }
        curves.add(progress);
        if (progress.endOfEpoch() || progress.batch() % 2 == 0) {
            lossCanvas.control().notifyListeners(SWT.Resize, null);
            accuracyCanvas.control().notifyListeners(SWT.Resize, null);
        }
    }

    private void finished(String message) {
        if (!status.isDisposed()) {
            status.setText(message);
            refreshHistory();
        }
    }

    private void createLauncher(Composite launcher) {
        launcher.setLayout(new GridLayout(2, false));
        new Label(launcher, SWT.NONE).setText("Experiment:");
        new Label(launcher, SWT.NONE).setText("bundled lesion benchmark (" + BUNDLED_EXPERIMENT + ")");
        new Label(launcher, SWT.NONE).setText("Profile:");
        profile = new Combo(launcher, SWT.READ_ONLY);
        profile.setItems("", "quick");
        profile.select(1);
        new Label(launcher, SWT.NONE).setText("Engine:");
        engine = new Combo(launcher, SWT.READ_ONLY);
        engine.setItems("nd4j", "pytorch");
        engine.setText(defaultEngine());
        new Label(launcher, SWT.NONE).setText("Evaluation attack:");
        attack = new Combo(launcher, SWT.READ_ONLY);
        if (attacks != null) {
            attacks.list().stream().map(ContributionInfo::id).forEach(attack::add);
        }
        attack.addListener(SWT.Selection, event -> rebuildForm());
        formHolder = new Composite(launcher, SWT.NONE);
        formHolder.setLayout(new FillLayout());
        formHolder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        Button start = new Button(launcher, SWT.PUSH);
        start.setText("Run");
        start.setEnabled(runner != null && attacks != null);
        start.addListener(SWT.Selection, event -> launch());
        Button cancel = new Button(launcher, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.addListener(SWT.Selection, event -> {
            if (job != null) {
                job.cancel();
            }
        });
        status = new Label(launcher, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        if (attack.getItemCount() > 0) {
            attack.select(Math.max(0, attack.indexOf("pgd")));
            rebuildForm();
        }
    }

    private void createHistory(Composite area) {
        area.setLayout(new GridLayout(1, false));
        history = new RunChooser(area, run -> {});
        history.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runs = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        runs.setHeaderVisible(true);
        runs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String heading : new String[] {"Started (UTC)", "Name", "Status", "Run id"}) {
            new TableColumn(runs, SWT.NONE).setText(heading);
        }
    }

    private void rebuildForm() {
        if (form != null) {
            form.control().dispose();
        }
        form = new ParameterForm(formHolder, attacks.get(attack.getText()).defaultParameters());
        formHolder.layout(true, true);
    }

    /** Returns the engine of the engine and memory preferences, or nd4j when they cannot be read. */
    private static String defaultEngine() {
        try {
            return WorkbenchSettings.read(WorkbenchSettings.home()).engine();
        } catch (IOException | IllegalArgumentException e) {
            return WorkbenchSettings.DEFAULTS.engine();
        }
    }

    private static String bundledExperiment() throws IOException {
        var bundle = FrameworkUtil.getBundle(ExperimentRunner.class);
        try (InputStream in = bundle.getEntry(BUNDLED_EXPERIMENT).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
