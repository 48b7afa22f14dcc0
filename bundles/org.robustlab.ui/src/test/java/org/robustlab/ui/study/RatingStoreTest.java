package org.robustlab.ui.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingStoreTest {

    @TempDir
    Path folder;

    @Test
    void ratingsSurviveReopeningTheStore() {
        new RatingStore(folder).rate("reader1", new StudyItem("pgd", "grad-cam", 3), 4);
        RatingStore reopened = new RatingStore(folder);

        assertThat(reopened.ratings("reader1")).containsEntry("pgd|grad-cam|3", 4);
        assertThat(reopened.readers()).containsExactly("reader1");
    }

    @Test
    void laterRatingOfSameItemWins() {
        RatingStore store = new RatingStore(folder);
        StudyItem item = new StudyItem("standard", "vanilla-gradient", 0);
        store.rate("r", item, 2);
        store.rate("r", item, 5);

        assertThat(store.ratings("r")).containsExactly(java.util.Map.entry(item.key(), 5));
    }

    @Test
    void exportListsEveryReader() throws Exception {
        RatingStore store = new RatingStore(folder);
        store.rate("a", new StudyItem("m1", "x", 0), 1);
        store.rate("b", new StudyItem("m2", "x", 1), 3);
        List<String> lines = Files.readAllLines(store.exportCsv(folder.resolve("all-ratings.csv")));

        assertThat(lines).containsExactly("reader,model,method,case,rating", "a,m1,x,0,1", "b,m2,x,1,3");
        assertThat(store.readers()).containsExactly("a", "b");
    }

    @Test
    void invalidRatingsAndReadersAreRejected() {
        RatingStore store = new RatingStore(folder);
        StudyItem item = new StudyItem("m", "x", 0);

        assertThatThrownBy(() -> store.rate("r", item, 0)).hasMessageContaining("Rating 0");
        assertThatThrownBy(() -> store.rate("../r", item, 3)).hasMessageContaining("Invalid reader id");
    }

    @Test
    void planShowsEveryItemOnceInReaderSpecificOrder() {
        List<StudyItem> first = StudyPlan.order(List.of("a", "b", "c"), List.of("x", "y"), 4, "r1", 7);
        List<StudyItem> again = StudyPlan.order(List.of("a", "b", "c"), List.of("x", "y"), 4, "r1", 7);
        List<StudyItem> other = StudyPlan.order(List.of("a", "b", "c"), List.of("x", "y"), 4, "r2", 7);

        assertThat(first).hasSize(24).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(first);
        assertThat(other).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
    }

    @Test
    void summaryComparesModelsPairedAndMeasuresAgreement() {
        RatingStore store = new RatingStore(folder);
        for (String reader : List.of("r1", "r2")) {
            for (int c = 0; c < 4; c++) {
                store.rate(reader, new StudyItem("robust", "x", c), 2 + c);
                store.rate(reader, new StudyItem("standard", "x", c), 1);
            }
        }
        StudySummary summary = StudySummary.of(store, List.of("robust", "standard"));
        StudySummary.Comparison comparison = summary.comparisons().get(0);

        assertThat(summary.meanRating().get("robust")).isCloseTo(3.5, within(1e-12));
        assertThat(summary.meanRating().get("standard")).isCloseTo(1.0, within(1e-12));
        assertThat(comparison.pairs()).isEqualTo(4);
        // differences 1, 2, 3, 4, all positive: W+ = 10 is the largest of 2^4 equally likely sign patterns, so the
        // exact two-sided p-value is 2 / 16
        assertThat(comparison.test().positiveRankSum()).isEqualTo(10.0);
        assertThat(comparison.test().pValue()).isCloseTo(0.125, within(1e-12));
        // both readers gave identical ratings, so Fleiss' kappa is 1
        assertThat(summary.fleissKappa()).isCloseTo(1.0, within(1e-12));
        assertThat(summary.commonItems()).isEqualTo(8);
    }
}
