package org.robustlab.ui.saliency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.robustlab.ui.image.Colormap;
import org.robustlab.ui.image.ImageCanvas;
import org.robustlab.ui.image.Rasters;
import org.robustlab.ui.image.Viewport;

/**
 * The comparison grid for one image: models as rows, the input and then one saliency overlay per method as
 * columns. All cells share one {@link Viewport}, so zoom and pan stay synchronised. Under each overlay is its
 * localisation score when the run has masks.
 */
public final class SaliencyGrid {

    /** One shown cell: its row and column labels, image and caption. */
    public record Cell(String row, String column, ImageCanvas canvas, Label caption) {}

    private final Composite root;

    private final Viewport viewport = new Viewport();

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    private SaliencyRun run;

    private int index;

    private Colormap colormap = Colormap.JET;

    private double opacity = 0.5;

    /** Creates an empty grid under {@code parent}. */
    public SaliencyGrid(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Returns the viewport all cells share. */
    public Viewport viewport() {
        return viewport;
    }

    /** Shows image {@code caseIndex} of {@code saliency}, rebuilding the grid. */
    public void show(SaliencyRun saliency, int caseIndex) {
        run = saliency;
        index = caseIndex;
        for (var child : root.getChildren()) {
            child.dispose();
        }
        cells.clear();
        List<String> methods = saliency.methods();
        root.setLayout(new GridLayout(methods.size() + 2, true));
        header("");
        header("input");
        methods.forEach(this::header);
        for (String model : saliency.models()) {
            Label name = new Label(root, SWT.WRAP);
            name.setText(saliency.rowLabel(model));
            name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
            addCell(model, "input");
            methods.forEach(method -> addCell(model, method));
        }
        refresh();
        root.layout(true, true);
    }

    /** Sets the overlay opacity in [0, 1] and redraws. */
    public void setOpacity(double value) {
        opacity = Math.max(0, Math.min(1, value));
        refresh();
    }

    /** Sets the colormap and redraws. */
    public void setColormap(Colormap map) {
        colormap = map;
        refresh();
    }

    /** Returns the cells by "row/column", rows being model names and columns method ids or "input". */
    public Map<String, Cell> cells() {
        return cells;
    }

    /** Returns the cells in row order. */
    public List<Cell> cellList() {
        return new ArrayList<>(cells.values());
    }

    /** Returns the run shown, or {@code null}. */
    public SaliencyRun run() {
        return run;
    }

    /** Returns the image index shown. */
    public int caseIndex() {
        return index;
    }

    /** Returns the caption text of the cell of a model and method. */
    public String caption(String model, String method) {
        return cells.get(model + "/" + method).caption().getText();
    }

    private void header(String text) {
        Label label = new Label(root, SWT.CENTER);
        label.setText(text);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private void addCell(String model, String column) {
        Composite cell = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        cell.setLayout(layout);
        cell.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        ImageCanvas canvas = new ImageCanvas(cell, viewport);
        GridData canvasData = new GridData(SWT.FILL, SWT.FILL, true, true);
        canvasData.minimumWidth = 96;
        canvasData.minimumHeight = 96;
        canvas.control().setLayoutData(canvasData);
        Label caption = new Label(cell, SWT.CENTER);
        caption.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cells.put(model + "/" + column, new Cell(model, column, canvas, caption));
    }

    private void refresh() {
        if (run == null) {
            return;
        }
        float[] image = run.image(index);
        float[] mask = run.mask(index);
        for (Cell cell : cells.values()) {
            cell.canvas().setImageData(render(cell, image, mask));
            cell.caption().setText(caption(cell, mask));
        }
    }

    private ImageData render(Cell cell, float[] image, float[] mask) {
        if (cell.column().equals("input")) {
            return Rasters.grey(MaskOutline.apply(image, mask, run.width(), run.height()), run.width(), run.height());
        }
        float[] map = run.displayMap(cell.row(), cell.column(), index);
        return Rasters.overlay(image, map, run.width(), run.height(), colormap, opacity);
    }

    private String caption(Cell cell, float[] mask) {
        if (cell.column().equals("input")) {
            return mask == null ? "no mask" : "mask outlined";
        }
        if (mask == null) {
            return "";
        }
        float[] raw = run.rawMap(cell.row(), cell.column(), index);
        return String.format(
                Locale.ROOT,
                "mask energy %.2f, pointing %s",
                LocalisationScores.energyInRegion(raw, mask),
                LocalisationScores.pointingGame(raw, mask) == 1 ? "hit" : "miss");
    }
}
