package org.robustlab.ui.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.ui.image.ImageCanvas;
import org.robustlab.ui.image.Rasters;
import org.robustlab.ui.image.Viewport;

/**
 * The samples of an imported dataset: one row per sample with its split and labels, and the preprocessed image of
 * the selected sample with its mask, if any, outlined.
 */
public final class SampleBrowser {

    private final Composite root;

    private final Label summary;

    private final Table table;

    private final ImageCanvas preview;

    private Dataset dataset;

    /** Creates the browser under {@code parent}. */
    public SampleBrowser(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        summary = new Label(root, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary.setText("No dataset. Use Import... to import one with a registered importer.");
        SashForm split = new SashForm(root, SWT.VERTICAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new Table(split, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.VIRTUAL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String heading : new String[] {"Index", "Split", "Labels", "Group", "Mask"}) {
            new TableColumn(table, SWT.NONE).setText(heading);
        }
        table.addListener(SWT.SetData, event -> fill((TableItem) event.item));
        table.addListener(SWT.Selection, event -> showSelected());
        preview = new ImageCanvas(split, new Viewport());
        split.setWeights(6, 4);
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Shows the samples of {@code imported}. */
    public void show(Dataset imported) {
        dataset = imported;
        DatasetManifest manifest = imported.manifest();
        summary.setText(String.format(
                Locale.ROOT,
                "%s: %d samples, %s, labels %s, %dx%d, splits %s",
                manifest.name(),
                imported.size(),
                manifest.task(),
                manifest.labels(),
                manifest.width(),
                manifest.height(),
                manifest.splitCounts()));
        table.clearAll();
        table.setItemCount(imported.size());
        for (TableColumn column : table.getColumns()) {
            column.setWidth(90);
        }
        root.layout(true, true);
    }

    /** Selects a sample and shows its image. */
    public void select(int index) {
        table.setSelection(index);
        showSelected();
    }

    /** Returns the dataset shown, or {@code null}. */
    public Dataset dataset() {
        return dataset;
    }

    /** Returns the samples table. */
    public Table table() {
        return table;
    }

    /** Returns the preview canvas. */
    public ImageCanvas preview() {
        return preview;
    }

    /** Returns the cell texts of a sample's row. */
    public static String[] row(SampleInfo sample, List<String> labelNames) {
        List<String> positive = new ArrayList<>();
        float[] labels = sample.labels();
        for (int i = 0; i < labels.length; i++) {
            String name = i < labelNames.size() ? labelNames.get(i) : "label " + i;
            if (Float.isNaN(labels[i])) {
                positive.add(name + "=?");
            } else if (labels[i] > 0.5f) {
                positive.add(name);
            }
        }
        return new String[] {
            Integer.toString(sample.index()),
            sample.split().name().toLowerCase(Locale.ROOT),
            positive.isEmpty() ? "(none)" : String.join(", ", positive),
            sample.groupKey(),
            sample.hasMask() ? "yes" : "no"
        };
    }

    private void fill(TableItem item) {
        int index = table.indexOf(item);
        item.setText(row(dataset.sample(index), dataset.manifest().labels()));
    }

    private void showSelected() {
        int index = table.getSelectionIndex();
        if (dataset == null || index < 0) {
            return;
        }
        INDArray image = dataset.image(index);
        int height = (int) image.size(1);
        int width = (int) image.size(2);
        float[] grey = image.slice(0).dup().reshape(height * (long) width).toFloatVector();
        float[] mask = dataset.mask(index)
                .map(m -> m.dup().reshape(height * (long) width).toFloatVector())
                .orElse(null);
        preview.setImageData(Rasters.grey(withOutline(grey, mask, width, height), width, height));
        preview.setCaption("Sample " + index + " ("
                + String.join(
                        " | ", row(dataset.sample(index), dataset.manifest().labels())[2]) + ")");
    }

    /** Returns {@code grey} with the border pixels of {@code mask} set to white. */
    private static float[] withOutline(float[] grey, float[] mask, int width, int height) {
        if (mask == null) {
            return grey;
        }
        float[] result = grey.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                boolean inside = mask[i] > 0.5f;
                boolean edge = x == 0
                        || y == 0
                        || x == width - 1
                        || y == height - 1
                        || mask[i - 1] <= 0.5f
                        || mask[i + 1] <= 0.5f
                        || mask[i - width] <= 0.5f
                        || mask[i + width] <= 0.5f;
                if (inside && edge) {
                    result[i] = 1;
                }
            }
        }
        return result;
    }
}
