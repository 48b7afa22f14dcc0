package org.robustlab.ui.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.experiment.store.StoredRun;
import org.robustlab.ui.evaluation.EvaluationView;
import org.robustlab.ui.evaluation.EvaluationViews;
import org.robustlab.ui.evaluation.RunResults;
import org.robustlab.ui.runs.RunChooser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation part: hosts every installed {@link EvaluationView} that accepts the metric results of the chosen
 * run, one tab each. A view that throws is reported in its tab and the others still show.
 */
public class EvaluationPart {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationPart.class);

    @Inject
    @Optional
    EvaluationViews views;

    private RunChooser chooser;

    private Label status;

    private CTabFolder tabs;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        chooser = new RunChooser(parent, this::openRun);
        chooser.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Choose a finished run to see its evaluation.");
        tabs = new CTabFolder(parent, SWT.BORDER | SWT.TOP);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        chooser.setStore(RunChooser.defaultStore());
    }

    /** Shows the evaluation of a run. */
    public void openRun(StoredRun run) {
        openRunFolder(run.folder());
    }

    /** Shows the evaluation of the run in {@code folder}; a failure is reported in the status line. */
    public void openRunFolder(Path folder) {
        for (CTabItem item : tabs.getItems()) {
            item.getControl().dispose();
            item.dispose();
        }
        try {
            RunResults results = RunResults.read(folder);
            List<String> shown = new ArrayList<>();
            for (ContributionInfo info : views == null ? List.<ContributionInfo>of() : views.list()) {
                EvaluationView view = views.get(info.id());
                if (view.accepts(results.all())) {
                    addTab(info, view, results);
                    shown.add(info.label());
                }
            }
            status.setText("Metric results: " + results.clean().size() + "; views: " + String.join(", ", shown));
            if (tabs.getItemCount() > 0) {
                tabs.setSelection(0);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot show the evaluation of run {}: {}", folder.getFileName(), e.getMessage());
            status.setText("Cannot show run " + folder.getFileName() + ": " + e.getMessage());
        }
    }

    /** Returns the run chooser. */
    public RunChooser chooser() {
        return chooser;
    }

    /** Returns the tab folder with one tab per view. */
    public CTabFolder tabs() {
        return tabs;
    }

    /** Returns the status line. */
    public Label status() {
        return status;
    }

    /** Shows the tab of the view with this label. */
    public void showView(String label) {
        for (CTabItem item : tabs.getItems()) {
            if (item.getText().equals(label)) {
                tabs.setSelection(item);
                return;
            }
        }
        throw new IllegalArgumentException("No evaluation view " + label);
    }

    private void addTab(ContributionInfo info, EvaluationView view, RunResults results) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(info.label());
        item.setToolTipText(info.description());
        try {
            item.setControl(view.createControl(tabs, results.all()));
        } catch (RuntimeException e) {
            LOG.warn("Evaluation view {} failed: {}", info.id(), e.getMessage());
            Label error = new Label(tabs, SWT.WRAP);
            error.setText("The view " + info.id() + " failed: " + e.getMessage());
            item.setControl(error);
        }
    }
}
