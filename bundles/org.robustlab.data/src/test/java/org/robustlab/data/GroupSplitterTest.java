package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.robustlab.core.data.Split;

class GroupSplitterTest {

    private static List<String> groups(int count) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            groups.add("patient" + i);
        }
        return groups;
    }

    @Test
    void sameSeedGivesSameSplits() {
        Map<String, Split> first = GroupSplitter.assign(groups(100), 7, 0.1, 0.2);
        List<String> reversed = groups(100);
        java.util.Collections.reverse(reversed);
        Map<String, Split> second = GroupSplitter.assign(reversed, 7, 0.1, 0.2);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void fractionsAreRespected() {
        Map<String, Split> splits = GroupSplitter.assign(groups(100), 7, 0.1, 0.2);

        assertThat(splits.values().stream().filter(s -> s == Split.TEST)).hasSize(20);
        assertThat(splits.values().stream().filter(s -> s == Split.VALIDATION)).hasSize(10);
        assertThat(splits.values().stream().filter(s -> s == Split.TRAIN)).hasSize(70);
    }

    @Test
    void otherSeedGivesOtherSplits() {
        assertThat(GroupSplitter.assign(groups(100), 8, 0.1, 0.2))
                .isNotEqualTo(GroupSplitter.assign(groups(100), 7, 0.1, 0.2));
    }
}
