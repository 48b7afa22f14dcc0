package org.robustlab.lib.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class Nd4jRuntimeTest {

    private static final long GIB = 1L << 30;

    @Test
    void parseBytesReadsJavaCppSuffixes() {
        assertThat(Nd4jRuntime.parseBytes("4g", 0)).isEqualTo(4 * GIB);
        assertThat(Nd4jRuntime.parseBytes("512M", 0)).isEqualTo(512L << 20);
        assertThat(Nd4jRuntime.parseBytes("100k", 0)).isEqualTo(100L << 10);
        assertThat(Nd4jRuntime.parseBytes("12345", 0)).isEqualTo(12345L);
        assertThat(Nd4jRuntime.parseBytes(" ", 7)).isEqualTo(7L);
    }

    @Test
    void parseBytesRejectsGarbageWithValue() {
        assertThatThrownBy(() -> Nd4jRuntime.parseBytes("four gigabytes", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'four gigabytes'");
    }

    @Test
    void memoryDefaultsKeepExplicitSettings() {
        Properties properties = new Properties();
        properties.setProperty(Nd4jRuntime.MAX_BYTES, "1g");
        properties.setProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES, "3g");

        Nd4jRuntime.applyMemoryDefaults(properties, 2 * GIB);

        assertThat(properties.getProperty(Nd4jRuntime.MAX_BYTES)).isEqualTo("1g");
        assertThat(properties.getProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES)).isEqualTo("3g");
    }

    @Test
    void memoryDefaultsAddHeapAndOverhead() {
        Properties properties = new Properties();

        Nd4jRuntime.applyMemoryDefaults(properties, 1 * GIB);

        long maxBytes = Long.parseLong(properties.getProperty(Nd4jRuntime.MAX_BYTES));
        long physical = Long.parseLong(properties.getProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES));
        assertThat(maxBytes).isEqualTo(4 * GIB);
        assertThat(physical).isLessThanOrEqualTo(maxBytes + 1 * GIB + 2 * GIB);
        assertThat(physical).isGreaterThan(0);
    }

    @Test
    void unsupportedPlatformGetsClearMessage() {
        assertThat(Nd4jRuntime.unsupportedPlatformProblem("Linux", "amd64")).isNull();
        assertThat(Nd4jRuntime.unsupportedPlatformProblem("Mac OS X", "aarch64"))
                .contains("No native ND4J backend for Mac OS X/aarch64")
                .contains("-Djavacpp.platform=");
    }
}
