package org.robustlab.data.lesion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.robustlab.data.lesion.ScanSource;

/** Expected values come from reading the same files with NumPy (numpy.frombuffer over the raw voxels). */
class VolumeReadersTest {

    @Test
    void invesaliusProjectGivesHeadCtInHounsfieldUnits() throws IOException {
        Path file = ScanSource.CRANIUM_CT.paths(dataFolder()).get(0);

        Volume volume = Inv3Reader.read(file, "cranium-ct", "CT");

        assertThat(volume.depth()).isEqualTo(108);
        assertThat(volume.height()).isEqualTo(256);
        assertThat(volume.width()).isEqualTo(256);
        assertThat(min(volume.values())).isEqualTo(-1024);
        assertThat(max(volume.values())).isEqualTo(2986);
        assertThat(mean(volume.values())).isCloseTo(-585.9552803039551, within(1e-6));
        assertThat(volume.slice(54)[128 * 256 + 128]).isEqualTo(3);
        assertThat(volume.slice(54)[100 * 256 + 60]).isEqualTo(1418);
    }

    @Test
    void niftiVolumeGivesMrT1() throws IOException {
        Path file = ScanSource.ITK_T1.paths(dataFolder()).get(0);

        Volume volume = NiftiReader.read(file, "itk-t1", "MR");

        assertThat(volume.depth()).isEqualTo(62);
        assertThat(volume.height()).isEqualTo(128);
        assertThat(volume.width()).isEqualTo(128);
        assertThat(min(volume.values())).isZero();
        assertThat(max(volume.values())).isEqualTo(255);
        assertThat(mean(volume.values())).isCloseTo(19.229813114289314, within(1e-6));
        assertThat(volume.slice(30)[64 * 128 + 64]).isEqualTo(95);
        assertThat(volume.slice(30)[40 * 128 + 70]).isEqualTo(58);
    }

    @Test
    void pngSliceIsOneSliceVolume() throws IOException {
        Path file = ScanSource.ITK_SLICES.paths(dataFolder()).get(2);

        Volume volume = ImageSliceReader.read(file, "itk-sagittal", "MR");

        assertThat(volume.depth()).isEqualTo(1);
        assertThat(volume.height()).isEqualTo(180);
        assertThat(volume.width()).isEqualTo(217);
        assertThat(max(volume.values())).isLessThanOrEqualTo(255);
    }

    private static Path dataFolder() {
        String configured = System.getenv("ROBUSTLAB_TEST_DATA");
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "robustlab", "test-data")
                : Path.of(configured);
    }

    private static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float value : values) {
            min = Math.min(min, value);
        }
        return min;
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
