package org.robustlab.ui.parts;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.robustlab.experiment.store.StoredRun;
import org.robustlab.ui.image.Colormap;
import org.robustlab.ui.runs.RunChooser;
import org.robustlab.ui.saliency.GridExport;
import org.robustlab.ui.saliency.SaliencyGrid;
import org.robustlab.ui.saliency.SaliencyRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saliency comparison part: for one test image of a run, the saliency maps of every model (rows) and method
 * (columns) that the experiment runner computed, with synchronised zoom and pan, overlay opacity and colormap,
 * localisation scores when the run has masks, and export of the grid as PNG.
 */
public class SaliencyPart {

    private static final Logger LOG = LoggerFactory.getLogger(SaliencyPart.class);

    private RunChooser chooser;

    private Spinner caseSpinner;

    private Scale opacity;

    private Combo colormap;

    private Label status;

    private ScrolledComposite scroll;

    private SaliencyGrid grid;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        chooser = new RunChooser(parent, this::openRun);
        chooser.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(9, false));
        new Label(bar, SWT.NONE).setText("Image:");
        caseSpinner = new Spinner(bar, SWT.BORDER);
        caseSpinner.setEnabled(false);
        caseSpinner.addListener(SWT.Selection, event -> showCase(caseSpinner.getSelection() - 1));
        new Label(bar, SWT.NONE).setText("Opacity:");
        opacity = new Scale(bar, SWT.HORIZONTAL);
        opacity.setMaximum(100);
        opacity.setSelection(50);
        opacity.addListener(SWT.Selection, event -> grid.setOpacity(opacity.getSelection() / 100.0));
        new Label(bar, SWT.NONE).setText("Colormap:");
        colormap = new Combo(bar, SWT.READ_ONLY);
        for (Colormap map : Colormap.values()) {
            colormap.add(map.label());
        }
        colormap.select(Colormap.JET.ordinal());
        colormap.addListener(SWT.Selection, event -> grid.setColormap(Colormap.values()[colormap.getSelectionIndex()]));
        Button reset = new Button(bar, SWT.PUSH);
        reset.setText("Reset view");
        reset.addListener(SWT.Selection, event -> grid.viewport().reset());
        Button export = new Button(bar, SWT.PUSH);
        export.setText("Export PNG...");
        export.addListener(SWT.Selection, event -> exportWithDialog());
        status = new Label(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Choose a finished run; Ctrl+wheel zooms and a drag pans all cells together.");
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        grid = new SaliencyGrid(scroll);
        scroll.setContent(grid.control());
        chooser.setStore(RunChooser.defaultStore());
    }

    /** Shows the saliency results of a run; a run without them is reported in the status line. */
    public void openRun(StoredRun run) {
        openRunFolder(run.folder());
    }

    /** Shows the saliency results of the run in {@code folder}. */
    public void openRunFolder(Path folder) {
        try {
            SaliencyRun saliency = SaliencyRun.read(folder);
            caseSpinner.setValues(1, 1, saliency.cases(), 0, 1, 5);
            caseSpinner.setEnabled(true);
            grid.viewport().reset();
            grid.show(saliency, 0);
            resize();
            status.setText(saliency.cases() + " images, " + saliency.models().size() + " models, "
                    + saliency.methods().size() + " methods" + (saliency.hasMasks() ? ", with masks" : ""));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot show the saliency results of run {}: {}", folder.getFileName(), e.getMessage());
            status.setText("Cannot show run " + folder.getFileName() + ": " + e.getMessage());
        }
    }

    /** Shows image {@code index} (from 0) of the open run. */
    public void showCase(int index) {
        if (grid.run() != null) {
            grid.show(grid.run(), Math.max(0, Math.min(grid.run().cases() - 1, index)));
            caseSpinner.setSelection(grid.caseIndex() + 1);
            resize();
        }
    }

    /** Writes the grid as PNG to {@code file}; returns the image size. */
    public Point export(Path file) {
        Point size = GridExport.write(grid, file);
        status.setText("Exported " + file.getFileName() + " (" + size.x + " x " + size.y + ")");
        return size;
    }

    /** Returns the run chooser. */
    public RunChooser chooser() {
        return chooser;
    }

    /** Returns the grid. */
    public SaliencyGrid grid() {
        return grid;
    }

    /** Returns the opacity slider, 0 to 100. */
    public Scale opacity() {
        return opacity;
    }

    /** Returns the colormap menu. */
    public Combo colormap() {
        return colormap;
    }

    /** Returns the status line. */
    public Label status() {
        return status;
    }

    private void exportWithDialog() {
        if (grid.run() == null) {
            return;
        }
        FileDialog dialog = new FileDialog(scroll.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*.png"});
        dialog.setFileName("saliency-grid.png");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            export(Path.of(file));
        }
    }

    private void resize() {
        scroll.setMinSize(grid.control().computeSize(SWT.DEFAULT, SWT.DEFAULT));
        scroll.layout(true, true);
    }
}
