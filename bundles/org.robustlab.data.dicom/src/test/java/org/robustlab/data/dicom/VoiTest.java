package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/** VOI windows and tables (PS3.3 C.11.2), with values computed from the formulas of the standard. */
class VoiTest {

    private final DicomReader reader = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @Test
    void firstOfSeveralWindowsIsDefault() {
        DicomImage image =
                reader.read(softAndBone("400\\2000").write(folder.resolve("ct.dcm"), SyntheticDicom.EXPLICIT_LITTLE));
        float[] display = image.displayValues(0);

        assertThat(image.voiPresets(0)).hasSize(2);
        assertThat(display[0]).isEqualTo(0f);
        assertThat(display[1]).isCloseTo(0.501f, within(0.002f));
        assertThat(display[2]).isEqualTo(1f);
        assertThat(image.warnings()).isEmpty();
    }

    @Test
    void secondWindowIsSelectable() {
        DicomImage image =
                reader.read(softAndBone("400\\2000").write(folder.resolve("ct.dcm"), SyntheticDicom.EXPLICIT_LITTLE));
        Voi bone = image.voiPresets(0).get(1);

        assertThat(bone).isEqualTo(new VoiWindow(400, 2000, VoiFunction.LINEAR, "BONE"));
        assertThat(bone.apply(400)).isCloseTo(0.500, within(0.002));
    }

    @Test
    void unmatchedWindowWidthFallsBackToFirstPair() {
        DicomImage image =
                reader.read(softAndBone("400").write(folder.resolve("bad.dcm"), SyntheticDicom.EXPLICIT_LITTLE));

        assertThat(image.voiPresets(0)).containsExactly(new VoiWindow(40, 400, VoiFunction.LINEAR, "SOFT"));
        assertThat(image.warnings()).singleElement().asString().contains("Window Width (0028,1051)");
    }

    @Test
    void linearExactAndSigmoidFollowTheirFormulas() {
        VoiWindow exact = new VoiWindow(40, 400, VoiFunction.LINEAR_EXACT, "");
        VoiWindow sigmoid = new VoiWindow(40, 400, VoiFunction.SIGMOID, "");

        assertThat(exact.apply(-160)).isEqualTo(0.0);
        assertThat(exact.apply(40)).isEqualTo(0.5);
        assertThat(exact.apply(140)).isEqualTo(0.75);
        assertThat(exact.apply(241)).isEqualTo(1.0);
        assertThat(sigmoid.apply(40)).isEqualTo(0.5);
        assertThat(sigmoid.apply(140)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    }

    @Test
    void voiLutFunctionIsRead() {
        Path file = softAndBone("400\\2000")
                .cs(TagFromName.VOILUTFunction, "SIGMOID")
                .write(folder.resolve("sigmoid.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        List<Voi> presets = reader.read(file).voiPresets(0);

        assertThat(presets).extracting(voi -> ((VoiWindow) voi).function()).containsOnly(VoiFunction.SIGMOID);
    }

    @Test
    void voiLutSequenceMapsThroughTable() {
        SyntheticDicom lut = SyntheticDicom.image(1, 1, 16, 16);
        lut.us(TagFromName.LUTDescriptor, 4, 0, 8).us(TagFromName.LUTData, 0, 51, 204, 255);
        AttributeList table = new AttributeList();
        table.put(lut.list().get(TagFromName.LUTDescriptor));
        table.put(lut.list().get(TagFromName.LUTData));
        Path file = SyntheticDicom.image(1, 4, 16, 16)
                .sequence(TagFromName.VOILUTSequence, table)
                .words(0, 1, 2, 9)
                .write(folder.resolve("voilut.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        float[] display = reader.read(file).displayValues(0);

        assertThat(display).containsExactly(0f, 0.2f, 0.8f, 1f);
    }

    @Test
    void missingWindowUsesFrameRange() {
        Path file = SyntheticDicom.image(1, 3, 16, 16)
                .words(100, 150, 300)
                .write(folder.resolve("plain.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        assertThat(reader.read(file).displayValues(0)).containsExactly(0f, 0.25f, 1f);
    }

    private static SyntheticDicom softAndBone(String widths) {
        return SyntheticDicom.image(1, 3, 16, 16)
                .cs(TagFromName.Modality, "CT")
                .us(TagFromName.PixelRepresentation, 1)
                .ds(TagFromName.RescaleSlope, "1")
                .ds(TagFromName.RescaleIntercept, "0")
                .ds(TagFromName.WindowCenter, "40", "400")
                .ds(TagFromName.WindowWidth, widths.split("\\\\"))
                .lo(TagFromName.WindowCenterWidthExplanation, "SOFT", "BONE")
                .words(-160, 40, 240);
    }
}
