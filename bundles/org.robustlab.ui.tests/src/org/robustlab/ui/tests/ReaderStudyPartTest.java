package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.experiment.RunSummary;
import org.robustlab.ui.parts.ReaderStudyPart;
import org.robustlab.ui.saliency.SaliencyRun;
import org.robustlab.ui.study.RatingStore;
import org.robustlab.ui.study.StudyItem;

/** The reader study part on the saliency results of a real run of the quick lesion benchmark. */
class ReaderStudyPartTest {

    private ReaderStudyPart part;

    private RunSummary run;

    private int total;

    @BeforeEach
    void openRun() throws Exception {
        run = TinyRun.get();
        SaliencyRun saliency = SaliencyRun.read(run.runFolder());
        total = saliency.cases() * saliency.models().size() * saliency.methods().size();
        part = Workbench.showPart("study", "study", ReaderStudyPart.class);
        part.chooser().select(run.runFolder());
        Workbench.flush();
    }

    @Test
    void ratingsAreSavedAsGivenAndResumeAfterReopening() throws Exception {
        part.startReader("alice");
        StudyItem first = part.current();
        part.rate(4);
        StudyItem second = part.current();
        part.rate(2);
        Workbench.flush();

        RatingStore reopened = new RatingStore(run.runFolder().resolve("artifacts/reader-study"));
        assertThat(reopened.ratings("alice")).containsEntry(first.key(), 4).containsEntry(second.key(), 2);
        assertThat(part.canvas().caption()).doesNotContain("standard", "pgd", "dual-bn");
        part.openRunFolder(run.runFolder());
        part.startReader("alice");
        assertThat(part.current()).isNotIn(first, second);
        assertThat(part.progress().getText()).startsWith("Overlay 3 of " + total);
        Workbench.screenshot("reader-study.png");
    }

    @Test
    void readersGetDifferentOrdersAndSummaryListsComparisons(@TempDir Path folder) throws Exception {
        part.startReader("bob");
        StudyItem bobFirst = part.current();
        for (int i = 0; i < total; i++) {
            part.rate(1 + i % 5);
        }
        part.startReader("carol");
        StudyItem carolFirst = part.current();
        for (int i = 0; i < total; i++) {
            part.rate(1 + (i * 3) % 5);
        }
        Workbench.flush();
        List<String> rows = java.util.Arrays.stream(part.summaryTable().getItems()).map(TableItem::getText).toList();
        Path csv = part.exportCsv(folder.resolve("ratings.csv"));

        assertThat(part.current()).isNull();
        assertThat(part.progress().getText()).startsWith("All " + total + " overlays rated");
        assertThat(bobFirst).isNotNull();
        assertThat(carolFirst).isNotNull();
        assertThat(rows).contains("standard vs pgd", "standard vs dual-bn", "pgd vs dual-bn");
        RatingStore store = part.store();
        assertThat(store.ratings("bob")).hasSize(total);
        assertThat(store.ratings("carol")).hasSize(total);
        assertThat(part.agreement().getText())
                .matches("Readers: " + store.readers().size() + "; Fleiss' kappa -?\\d\\.\\d{3} over \\d+ items rated by all");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("reader,model,method,case,rating");
        assertThat(Files.readAllLines(csv)).filteredOn(line -> line.startsWith("carol,")).hasSize(total);
        Workbench.screenshot("reader-study-summary.png");
    }
}
