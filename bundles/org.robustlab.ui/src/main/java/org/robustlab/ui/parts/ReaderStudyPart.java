package org.robustlab.ui.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.robustlab.experiment.store.StoredRun;
import org.robustlab.ui.image.Colormap;
import org.robustlab.ui.image.ImageCanvas;
import org.robustlab.ui.image.Rasters;
import org.robustlab.ui.image.Viewport;
import org.robustlab.ui.runs.RunChooser;
import org.robustlab.ui.saliency.SaliencyRun;
import org.robustlab.ui.study.RatingStore;
import org.robustlab.ui.study.StudyItem;
import org.robustlab.ui.study.StudyPlan;
import org.robustlab.ui.study.StudySummary;

/**
 * The reader study part: a reader rates the saliency overlays of a run, one at a time in a blinded random order,
 * on a 1-5 scale. Ratings are saved per reader as they are given, in {@code artifacts/reader-study/} of the run;
 * the summary compares models with a paired Wilcoxon signed-rank test and gives Fleiss' kappa of the readers.
 */
public class ReaderStudyPart {

    /** Seed of the reading order; each reader's order also depends on the reader id. */
    static final long STUDY_SEED = 20210715;

    private RunChooser chooser;

    private Text readerText;

    private Label progress;

    private ImageCanvas canvas;

    private final Button[] ratingButtons = new Button[RatingStore.MAX_RATING];

    private Table summaryTable;

    private Label agreement;

    private SaliencyRun run;

    private RatingStore store;

    private List<StudyItem> plan = List.of();

    private StudyItem current;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        chooser = new RunChooser(parent, this::openRun);
        chooser.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(4, false));
        new Label(bar, SWT.NONE).setText("Reader id:");
        readerText = new Text(bar, SWT.BORDER);
        readerText.setLayoutData(new GridData(120, SWT.DEFAULT));
        Button start = new Button(bar, SWT.PUSH);
        start.setText("Start or resume");
        start.addListener(
                SWT.Selection, event -> startReader(readerText.getText().strip()));
        progress = new Label(bar, SWT.NONE);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        progress.setText("Choose a run with saliency results and enter your reader id.");
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createRatingArea(sash);
        createSummaryArea(sash);
        sash.setWeights(6, 4);
        chooser.setStore(RunChooser.defaultStore());
    }

    /** Opens the saliency results of a run for the study. */
    public void openRun(StoredRun storedRun) {
        openRunFolder(storedRun.folder());
    }

    /** Opens the saliency results of the run in {@code folder}. */
    public void openRunFolder(Path folder) {
        try {
            run = SaliencyRun.read(folder);
            store = new RatingStore(folder.resolve("artifacts").resolve("reader-study"));
            refreshSummary();
            progress.setText(run.cases() * run.models().size() * run.methods().size()
                    + " overlays to rate; enter your reader id and start.");
        } catch (IOException | RuntimeException e) {
            run = null;
            progress.setText("Cannot use run " + folder.getFileName() + ": " + e.getMessage());
        }
    }

    /** Starts or resumes the study of {@code reader}: the first overlay the reader has not rated yet is shown. */
    public void startReader(String reader) {
        if (run == null) {
            progress.setText("Choose a run with saliency results first.");
            return;
        }
        try {
            store.ratings(reader);
        } catch (IllegalArgumentException e) {
            progress.setText(e.getMessage());
            return;
        }
        readerText.setText(reader);
        plan = StudyPlan.order(run.models(), run.methods(), run.cases(), reader, STUDY_SEED);
        showNext();
    }

    /** Rates the overlay shown with {@code rating} (1 to 5), saves it and shows the next one. */
    public void rate(int rating) {
        if (current == null) {
            return;
        }
        store.rate(readerText.getText().strip(), current, rating);
        refreshSummary();
        showNext();
    }

    /** Writes all readers' ratings to {@code file} as CSV. */
    public Path exportCsv(Path file) throws IOException {
        return store.exportCsv(file);
    }

    /** Returns the item shown, or {@code null} when the reader has rated everything. */
    public StudyItem current() {
        return current;
    }

    /** Returns the canvas with the overlay. */
    public ImageCanvas canvas() {
        return canvas;
    }

    /** Returns the progress line. */
    public Label progress() {
        return progress;
    }

    /** Returns the summary table. */
    public Table summaryTable() {
        return summaryTable;
    }

    /** Returns the agreement line. */
    public Label agreement() {
        return agreement;
    }

    /** Returns the rating store of the open run. */
    public RatingStore store() {
        return store;
    }

    /** Returns the run chooser. */
    public RunChooser chooser() {
        return chooser;
    }

    private void createRatingArea(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        area.setLayout(new GridLayout(RatingStore.MAX_RATING, true));
        canvas = new ImageCanvas(area, new Viewport());
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, RatingStore.MAX_RATING, 1));
        String[] meaning = {"1 misleading", "2 poor", "3 fair", "4 good", "5 excellent"};
        for (int i = 0; i < ratingButtons.length; i++) {
            int rating = i + 1;
            ratingButtons[i] = new Button(area, SWT.PUSH);
            ratingButtons[i].setText(meaning[i]);
            ratingButtons[i].setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            ratingButtons[i].setEnabled(false);
            ratingButtons[i].addListener(SWT.Selection, event -> rate(rating));
        }
    }

    private void createSummaryArea(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        area.setLayout(new GridLayout(1, false));
        summaryTable = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        summaryTable.setHeaderVisible(true);
        summaryTable.setLinesVisible(true);
        summaryTable.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String heading : new String[] {"Comparison", "Pairs", "Mean / W+", "W-", "p (Wilcoxon)"}) {
            new TableColumn(summaryTable, SWT.NONE).setText(heading);
        }
        agreement = new Label(area, SWT.WRAP);
        agreement.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private void showNext() {
        Map<String, Integer> done = store.ratings(readerText.getText().strip());
        current = plan.stream()
                .filter(item -> !done.containsKey(item.key()))
                .findFirst()
                .orElse(null);
        for (Button button : ratingButtons) {
            button.setEnabled(current != null);
        }
        if (current == null) {
            canvas.setImageData(null);
            progress.setText("All " + plan.size() + " overlays rated. Thank you.");
            return;
        }
        float[] image = run.image(current.caseIndex());
        float[] map = run.displayMap(current.model(), current.method(), current.caseIndex());
        canvas.setImageData(Rasters.overlay(image, map, run.width(), run.height(), Colormap.JET, 0.5));
        canvas.setCaption("Overlay " + current.blindedId());
        progress.setText(String.format(
                Locale.ROOT, "Overlay %d of %d: how well does it point at the finding?", done.size() + 1, plan.size()));
    }

    private void refreshSummary() {
        summaryTable.removeAll();
        StudySummary summary = StudySummary.of(store, run.models());
        summary.meanRating()
                .forEach((model, mean) -> new TableItem(summaryTable, SWT.NONE)
                        .setText(new String[] {model, "", number("%.2f", mean), "", ""}));
        for (StudySummary.Comparison comparison : summary.comparisons()) {
            new TableItem(summaryTable, SWT.NONE).setText(new String[] {
                comparison.first() + " vs " + comparison.second(),
                Integer.toString(comparison.pairs()),
                number("%.1f", comparison.test().positiveRankSum()),
                number("%.1f", comparison.test().negativeRankSum()),
                number("%.4f", comparison.test().pValue())
            });
        }
        for (TableColumn column : summaryTable.getColumns()) {
            column.pack();
        }
        agreement.setText(String.format(
                Locale.ROOT,
                "Readers: %d; Fleiss' kappa %s over %d items rated by all",
                store.readers().size(),
                number("%.3f", summary.fleissKappa()),
                summary.commonItems()));
    }

    /** Returns a number in {@code format}, or "-" for NaN (no ratings yet, or fewer than two readers). */
    private static String number(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
