package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/** Stored values and the Modality LUT (PS3.3 C.7.6.3.1, C.11.1), on synthetic files and real CT and CR files. */
class ModalityLutTest {

    private final DicomReader reader = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @Test
    void fractionalRescaleIsExactInDouble() {
        Path file = SyntheticDicom.image(1, 3, 16, 16)
                .cs(TagFromName.Modality, "MR")
                .ds(TagFromName.RescaleSlope, "0.25")
                .ds(TagFromName.RescaleIntercept, "-100.5")
                .words(0, 1000, 65535)
                .write(folder.resolve("mr.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        assertThat(reader.read(file).modalityValues(0)).containsExactly(-100.5, 149.5, 16283.25);
    }

    @Test
    void eachSliceUsesItsOwnIntercept() {
        Path first = ct(-1024).write(folder.resolve("1.dcm"), SyntheticDicom.EXPLICIT_LITTLE);
        Path second = ct(-1000).write(folder.resolve("2.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        assertThat(reader.read(first).modalityValues(0)).containsExactly(0.0);
        assertThat(reader.read(second).modalityValues(0)).containsExactly(24.0);
    }

    @Test
    void negativeSlopeInvertsBrightness() {
        Path file = SyntheticDicom.image(1, 2, 16, 12)
                .cs(TagFromName.Modality, "CR")
                .ds(TagFromName.RescaleSlope, "-10")
                .ds(TagFromName.RescaleIntercept, "3000")
                .words(100, 200)
                .write(folder.resolve("cr.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        DicomImage image = reader.read(file);
        float[] display = image.displayValues(0, DicomImage.minMaxWindow(image.modalityValues(0)));

        assertThat(image.modalityValues(0)).containsExactly(2000.0, 1000.0);
        assertThat(display[0]).isGreaterThan(display[1]);
    }

    @Test
    void exponentNotationSlopeParses() {
        Path file = SyntheticDicom.image(1, 1, 16, 16)
                .ds(TagFromName.RescaleSlope, "2.5E-01")
                .ds(TagFromName.RescaleIntercept, "0")
                .words(8)
                .write(folder.resolve("exp.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        ModalityLut lut = reader.read(file).modalityLut(0);

        assertThat(lut).isEqualTo(new ModalityLut.Rescale(0.25, 0, ""));
    }

    @Test
    void signedValuesIgnoreJunkInUnusedHighBits() {
        Path file = SyntheticDicom.image(1, 4, 16, 12)
                .us(TagFromName.PixelRepresentation, 1)
                .words(0xF7FF, 0x0800, 0xA001, 0x0FFF)
                .write(folder.resolve("signed.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        assertThat(reader.read(file).storedValues(0)).containsExactly(2047, -2048, 1, -1);
    }

    @Test
    void highBitBelowTopShiftsStoredBits() {
        Path file = SyntheticDicom.image(1, 2, 16, 12)
                .us(TagFromName.HighBit, 15)
                .words(0xFFF0, 0x0010)
                .write(folder.resolve("shifted.dcm"), SyntheticDicom.EXPLICIT_BIG);

        assertThat(reader.read(file).storedValues(0)).containsExactly(4095, 1);
    }

    @Test
    void modalityLutSequenceReplacesRescale() {
        AttributeList table = new AttributeList();
        SyntheticDicom lut = SyntheticDicom.image(1, 1, 16, 16);
        lut.us(TagFromName.LUTDescriptor, 3, 10, 16).us(TagFromName.LUTData, 100, 200, 300);
        table.put(lut.list().get(TagFromName.LUTDescriptor));
        table.put(lut.list().get(TagFromName.LUTData));
        Path file = SyntheticDicom.image(1, 5, 16, 16)
                .sequence(new AttributeTag(0x0028, 0x3000), table)
                .words(5, 10, 11, 12, 40)
                .write(folder.resolve("table.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        assertThat(reader.read(file).modalityValues(0)).containsExactly(100.0, 100.0, 200.0, 300.0, 300.0);
    }

    @Test
    void perFrameFunctionalGroupsOverrideShared() throws Exception {
        Path file = SyntheticDicom.image(1, 1, 16, 16)
                .is(TagFromName.NumberOfFrames, "2")
                .sequence(TagFromName.SharedFunctionalGroupsSequence, transformation("-1024"))
                .sequence(TagFromName.PerFrameFunctionalGroupsSequence, new AttributeList(), transformation("-1000"))
                .words(1024, 1024)
                .write(folder.resolve("enhanced.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        DicomImage image = reader.read(file);

        assertThat(image.modalityValues(0)).containsExactly(0.0);
        assertThat(image.modalityValues(1)).containsExactly(24.0);
    }

    @Test
    void realCtHasHounsfieldUnits() {
        DicomImage image = reader.read(TestData.file("pydicom/CT_small.dcm"));
        double[] hu = image.modalityValues(0);
        int[] stored = image.storedValues(0);

        assertThat(image.modalityLut(0)).isEqualTo(new ModalityLut.Rescale(1, -1024, ""));
        assertThat(hu[0]).isEqualTo(stored[0] - 1024.0);
    }

    @Test
    void realMonochrome1CrIsInvertedAfterVoi() {
        DicomImage image = reader.read(TestData.file("pydicom/dicomdirtests/77654033/CR1/6154"));
        int[] stored = image.storedValues(0);
        float[] display = image.displayValues(0);
        int darkest = 0;
        int brightest = 0;
        for (int i = 0; i < stored.length; i++) {
            darkest = stored[i] > stored[darkest] ? i : darkest;
            brightest = stored[i] < stored[brightest] ? i : brightest;
        }

        assertThat(image.pixelFormat().isInverted()).isTrue();
        assertThat(image.modalityValues(0)[0]).isCloseTo(stored[0] * 0.684 + 200, within(1e-9));
        assertThat(image.voiPresets(0).get(0)).isEqualTo(new VoiWindow(1600, 2800, VoiFunction.LINEAR, ""));
        assertThat(display[brightest]).isGreaterThan(display[darkest]);
        assertThat(display[0])
                .isCloseTo((float) (1 - image.voiPresets(0).get(0).apply(stored[0] * 0.684 + 200)), within(1e-6f));
    }

    private static SyntheticDicom ct(int intercept) {
        return SyntheticDicom.image(1, 1, 16, 16)
                .cs(TagFromName.Modality, "CT")
                .ds(TagFromName.RescaleSlope, "1")
                .ds(TagFromName.RescaleIntercept, Integer.toString(intercept))
                .words(1024);
    }

    private static AttributeList transformation(String intercept) throws Exception {
        AttributeList values = new AttributeList();
        DecimalStringAttribute slopeAttribute = new DecimalStringAttribute(TagFromName.RescaleSlope);
        slopeAttribute.addValue("1");
        DecimalStringAttribute interceptAttribute = new DecimalStringAttribute(TagFromName.RescaleIntercept);
        interceptAttribute.addValue(intercept);
        values.put(slopeAttribute);
        values.put(interceptAttribute);
        SequenceAttribute sequence = new SequenceAttribute(TagFromName.PixelValueTransformationSequence);
        sequence.addItem(values);
        AttributeList group = new AttributeList();
        group.put(sequence);
        return group;
    }
}
