package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

import com.pixelmed.dicom.TagFromName;

/** Colour layouts, palette colour and files without file meta information. */
class PixelLayoutTest {

    private final DicomReader reader = new PixelMedDicomReader();

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"b04-planar1.dcm", "b04-rle.dcm", "b04-jpeg-lossless.dcm"})
    void planarRgbDecodesInRowMajorOrder(String resource) throws IOException {
        DicomImage image = reader.read(resource(resource));

        assertThat(image.storedValues(0)).containsExactly(255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0);
    }

    @Test
    void rgbToGreyUsesLuminanceWeights() throws IOException {
        INDArray grey = reader.read(resource("b04-planar1.dcm")).toTensor(0, 1);

        assertThat(grey.shape()).containsExactly(1, 2, 2);
        assertThat(grey.getFloat(0, 0, 0)).isCloseTo(0.299f, within(1e-6f));
        assertThat(grey.getFloat(0, 0, 1)).isCloseTo(0.587f, within(1e-6f));
        assertThat(grey.getFloat(0, 1, 0)).isCloseTo(0.114f, within(1e-6f));
        assertThat(grey.getFloat(0, 1, 1)).isEqualTo(0f);
    }

    @Test
    void dataSetWithoutMetaReadsAsImplicitLittleEndian() {
        Path bare = consoleExport().writeWithoutMeta(folder.resolve("bare.dcm"), SyntheticDicom.IMPLICIT_LITTLE);
        Path part10 = consoleExport().write(folder.resolve("part10.dcm"), SyntheticDicom.IMPLICIT_LITTLE);

        DicomImage image = reader.read(bare);

        assertThat(image.storedValues(0)).containsExactly(1, 2, 3, 4);
        assertThat(image.metadata().hasFileMetaInformation()).isFalse();
        assertThat(image.metadata().transferSyntaxUid()).isEqualTo(SyntheticDicom.IMPLICIT_LITTLE);
        assertThat(image.warnings()).anySatisfy(warning -> assertThat(warning).contains("no file meta information"));
        assertThat(reader.read(part10).storedValues(0)).containsExactly(1, 2, 3, 4);
        assertThat(reader.read(part10).metadata().hasFileMetaInformation()).isTrue();
    }

    @Test
    void pngAndEmptyFileAreNotDicom() throws IOException {
        Path png = folder.resolve("scan.dcm");
        Files.write(
                png,
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'});
        Path empty = Files.createFile(folder.resolve("empty.dcm"));

        assertThatThrownBy(() -> reader.read(png))
                .isInstanceOfSatisfying(
                        DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DICOM))
                .hasMessageContaining("scan.dcm")
                .hasMessageContaining("not a DICOM file");
        assertThatThrownBy(() -> reader.read(empty))
                .isInstanceOfSatisfying(
                        DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DICOM))
                .hasMessageContaining("empty.dcm");
    }

    @Test
    void paletteColourMapsIndicesThroughTables() {
        Path file = SyntheticDicom.image(1, 3, 8, 8)
                .cs(TagFromName.PhotometricInterpretation, "PALETTE COLOR")
                .us(TagFromName.RedPaletteColorLookupTableDescriptor, 3, 0, 16)
                .us(TagFromName.GreenPaletteColorLookupTableDescriptor, 3, 0, 16)
                .us(TagFromName.BluePaletteColorLookupTableDescriptor, 3, 0, 16)
                .palette(new int[] {65535, 0, 0}, new int[] {0, 65535, 0}, new int[] {0, 0, 65535})
                .bytes(0, 1, 2, 0)
                .write(folder.resolve("palette.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        float[][] rgb = reader.read(file).rgb(0);

        assertThat(rgb[0]).containsExactly(1f, 0f, 0f);
        assertThat(rgb[1]).containsExactly(0f, 1f, 0f);
        assertThat(rgb[2]).containsExactly(0f, 0f, 1f);
    }

    @Test
    void ybrFull422IsExpandedAndConverted() {
        Path file = SyntheticDicom.image(1, 2, 8, 8)
                .us(TagFromName.SamplesPerPixel, 3)
                .cs(TagFromName.PhotometricInterpretation, "YBR_FULL_422")
                .bytes(76, 150, 85, 255)
                .write(folder.resolve("ybr.dcm"), SyntheticDicom.EXPLICIT_LITTLE);

        DicomImage image = reader.read(file);
        float[][] rgb = image.rgb(0);

        assertThat(image.storedValues(0)).containsExactly(76, 85, 255, 150, 85, 255);
        assertThat(rgb[0][0] * 255).isCloseTo(76 + 1.402f * 127, within(0.01f));
        assertThat(rgb[1][0] * 255).isCloseTo(76 + 0.344136f * 43 - 0.714136f * 127, within(0.01f));
        assertThat(rgb[2][0]).isEqualTo(0f);
    }

    private static SyntheticDicom consoleExport() {
        return SyntheticDicom.image(2, 2, 16, 12)
                .cs(TagFromName.SpecificCharacterSet, "ISO_IR 100")
                .cs(TagFromName.Modality, "MR")
                .words(1, 2, 3, 4);
    }

    private Path resource(String name) throws IOException {
        Path file = folder.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
