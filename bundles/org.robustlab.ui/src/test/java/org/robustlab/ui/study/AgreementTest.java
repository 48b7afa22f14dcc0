package org.robustlab.ui.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void cohenKappaOfTwoByTwoExample() {
        // 50 items: both yes 20, first yes and second no 5, first no and second yes 10, both no 15.
        // po = 35/50 = 0.7, pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / 0.5 = 0.4
        int[] first = new int[50];
        int[] second = new int[50];
        for (int i = 0; i < 50; i++) {
            first[i] = i < 25 ? 1 : 2;
            second[i] = i < 20 ? 1 : i < 25 ? 2 : i < 35 ? 1 : 2;
        }

        assertThat(Agreement.cohenKappa(first, second, 2)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void cohenKappaIsOneForIdenticalRatings() {
        int[] ratings = {1, 2, 3, 4, 5, 3, 2};

        assertThat(Agreement.cohenKappa(ratings, ratings, 5)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fleissKappaOfWorkedExample() {
        // 10 items, 14 raters, 5 categories. Fleiss' (1971) equations give mean agreement P = 0.37802, chance
        // agreement Pe = 0.21276 and kappa = 0.20993 for this table, computed separately in Python.
        int[][] counts = {
            {0, 0, 0, 0, 14},
            {0, 2, 6, 4, 2},
            {0, 0, 3, 5, 6},
            {0, 3, 9, 2, 0},
            {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0},
            {3, 2, 6, 3, 0},
            {2, 5, 3, 2, 2},
            {6, 5, 2, 1, 0},
            {0, 2, 2, 3, 7}
        };

        assertThat(Agreement.fleissKappa(counts)).isCloseTo(0.20993, within(0.00001));
    }

    @Test
    void ratingOutsideScaleIsRejected() {
        assertThatThrownBy(() -> Agreement.cohenKappa(new int[] {6}, new int[] {1}, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Rating 6");
    }

    @Test
    void unequalRatingCountsAreRejected() {
        assertThatThrownBy(() -> Agreement.fleissKappa(new int[][] {{1, 1}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Item 1");
    }
}
