package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.core.data.Split;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.VoiWindow;
import org.robustlab.ui.datasets.ImportWizard;
import org.robustlab.ui.dicom.DicomViewer;
import org.robustlab.ui.forms.ParameterForm;
import org.robustlab.ui.parts.DatasetsPart;

/** The datasets part in the running workbench, on real DICOM files of the test-data cache. */
class DatasetsPartTest {

    /** PatientName and PatientID of pydicom's CT_small.dcm, as pydicom 2.3 reads them. */
    private static final List<String> CT_SMALL_IDENTIFIERS = List.of("CompressedSamples", "1CT1");

    private DatasetsPart part;

    private DicomViewer viewer;

    @BeforeEach
    void openPart() {
        part = Workbench.showPart("datasets", "datasets", DatasetsPart.class);
        viewer = part.viewer();
    }

    @Test
    void browserListsAndOpensRealCt() {
        Path file = Workbench.testFile("pydicom/CT_small.dcm");
        part.browser().setFolder(file.getParent());
        part.browser().open("CT_small.dcm");

        assertThat(part.browser().files().getItems()).contains("CT_small.dcm", "MR_small.dcm");
        assertThat(viewer.image()).isNotNull();
        assertThat(viewer.canvas().imageData().width).isEqualTo(128);
        assertThat(viewer.canvas().imageData().height).isEqualTo(128);
        assertThat(cell("Modality")).isEqualTo("CT");
        assertThat(viewer.presets().getItems()).contains("Full range", "CT lung", "CT bone");
    }

    @Test
    void metadataPanelHidesPatientIdentifiers() {
        part.openFile(Workbench.testFile("pydicom/CT_small.dcm"));
        List<String> cells = new ArrayList<>();
        for (TableItem item : viewer.metadata().getItems()) {
            cells.add(item.getText(0) + "=" + item.getText(1));
        }

        assertThat(cells).isNotEmpty();
        for (String identifier : CT_SMALL_IDENTIFIERS) {
            assertThat(cells).noneMatch(cell -> cell.contains(identifier));
        }
        assertThat(cell("Patient (pseudonym)")).hasSizeGreaterThan(8).doesNotContain("1CT1");
    }

    @Test
    void mouseDragChangesWindowAndRendersByStandard() {
        part.openFile(Workbench.testFile("pydicom/CT_small.dcm"));
        viewer.applyPreset("CT abdomen");
        drag(1, 0, 40, 0, 20);
        VoiWindow window = (VoiWindow) viewer.voi();

        // 40 pixels right widen the 400 HU window by 40 * 400 / 200; 20 pixels down raise the center by 20 * 2
        assertThat(window.width()).isEqualTo(480.0);
        assertThat(window.center()).isEqualTo(80.0);
        DicomImage image = viewer.image();
        double[] modality = image.modalityValues(0);
        ImageData shown = viewer.canvas().imageData();
        for (int i = 0; i < modality.length; i += 97) {
            int expected = linearWindow(modality[i], 80, 480);
            assertThat(shown.getPixel(i % 128, i / 128)).as("pixel %d, %s HU", i, modality[i]).isEqualTo(expected);
        }
    }

    @Test
    void presetsZoomAndPanMoveTheImage() {
        part.openFile(Workbench.testFile("octave-dicom/CT-MONO2-16-ankle.dcm"));
        viewer.applyPreset("CT bone");
        Rectangle fit = viewer.canvas().imageBounds();
        viewer.canvas().viewport().setZoom(2);
        Rectangle zoomed = viewer.canvas().imageBounds();
        drag(2, 0, 30, 0, -10);
        Rectangle panned = viewer.canvas().imageBounds();

        assertThat(((VoiWindow) viewer.voi()).center()).isEqualTo(400.0);
        assertThat(((VoiWindow) viewer.voi()).width()).isEqualTo(1800.0);
        assertThat(zoomed.width).isBetween(2 * fit.width - 2, 2 * fit.width + 2);
        assertThat(panned.x - zoomed.x).isBetween(29, 31);
        assertThat(panned.y - zoomed.y).isBetween(-11, -9);
    }

    @Test
    void monochrome1ShowsMinimumStoredValueWhite() {
        part.openFile(Workbench.testFile("pydicom/dicomdirtests/77654033/CR1/6154"));
        DicomImage image = viewer.image();
        int[] stored = image.storedValues(0);
        int darkest = 0;
        int brightest = 0;
        for (int i = 0; i < stored.length; i++) {
            darkest = stored[i] < stored[darkest] ? i : darkest;
            brightest = stored[i] > stored[brightest] ? i : brightest;
        }
        viewer.applyPreset("Full range");
        ImageData shown = viewer.canvas().imageData();
        int columns = image.columns();

        assertThat(image.pixelFormat().photometricInterpretation()).isEqualTo("MONOCHROME1");
        // PS3.3 C.7.6.3.1.2: in MONOCHROME1 the minimum sample value is displayed white
        assertThat(shown.getPixel(darkest % columns, darkest / columns)).isEqualTo(255);
        assertThat(shown.getPixel(brightest % columns, brightest / columns)).isEqualTo(0);
    }

    @Test
    void wheelScrollsFramesOfMultiFrameFile() throws Exception {
        Path file = Workbench.testFile("gdcm-examples/00191113.dcm");
        part.showTab(0);
        Path root = Workbench.testDataDirectory().toAbsolutePath().normalize();
        part.browser().setFolder(root);
        part.browser().open(root.relativize(file.toAbsolutePath().normalize()).toString());
        ImageData first = viewer.canvas().imageData();
        wheel(-1);
        wheel(-1);
        ImageData third = viewer.canvas().imageData();
        wheel(-1);
        wheel(-1);
        Workbench.screenshot("datasets-dicom-viewer.png");

        assertThat(viewer.image().frameCount()).isEqualTo(4);
        assertThat(viewer.frameSlider().getMaximum()).isEqualTo(3);
        assertThat(viewer.frame()).isEqualTo(3);
        assertThat(viewer.status().getText()).startsWith("Frame 4/4");
        assertThat(third.data).isNotEqualTo(first.data);
    }

    @Test
    void importWizardImportsRealDicomFolder(@TempDir Path folder) throws Exception {
        Path source = Files.createDirectories(folder.resolve("source"));
        String[] files = {"pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "octave-dicom/CT-MONO2-16-ankle.dcm",
            "pydicom/JPEG2000.dcm", "pydicom/MR_small_RLE.dcm", "pydicom/liver_1frame.dcm"};
        StringBuilder csv = new StringBuilder("file,label\n");
        for (int i = 0; i < files.length; i++) {
            String name = "image" + i + ".dcm";
            Files.copy(Workbench.testFile(files[i]), source.resolve(name));
            csv.append(name).append(',').append(i % 2 == 0 ? "ct" : "mr").append('\n');
        }
        Files.writeString(source.resolve("labels.csv"), csv);

        ImportWizard wizard = new ImportWizard(part.importers(), folder.resolve("cache"));
        WizardDialog dialog = new WizardDialog(Workbench.mainShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        wizard.sourcePage().choose("dicom-folder", source);
        wizard.sourcePage().setSize(32);
        dialog.showPage(wizard.getPages()[1]);
        ParameterForm form = wizard.parameterForm();
        assertThat(form.names()).contains("labels", "frames", "window", "center", "width");
        Workbench.flush();
        Workbench.screenshot(dialog.getShell(), "datasets-import-wizard.png");
        assertThat(wizard.performFinish()).as("finish with %s", form.rawValues()).isTrue();
        dialog.close();
        Job job = part.startImport(wizard.settings());
        Workbench.waitUntil("the import job", 120, () -> part.samples().dataset() != null || job.getResult() != null
                && !job.getResult().isOK());

        assertThat(job.getResult().isOK()).as("import result %s", job.getResult()).isTrue();
        assertThat(part.samples().table().getItemCount()).isEqualTo(files.length);
        part.samples().select(0);
        Workbench.flush();
        String[] row = {part.samples().table().getItem(0).getText(1), part.samples().table().getItem(0).getText(2)};
        assertThat(Split.valueOf(row[0].toUpperCase(java.util.Locale.ROOT))).isNotNull();
        assertThat(row[1]).isIn("ct", "mr");
        assertThat(part.samples().preview().imageData().width).isEqualTo(32);
        Workbench.screenshot("datasets-samples.png");
    }

    private String cell(String attribute) {
        for (TableItem item : viewer.metadata().getItems()) {
            if (item.getText(0).equals(attribute)) {
                return item.getText(1);
            }
        }
        throw new AssertionError("No metadata row " + attribute);
    }

    /** Sends a real press, move and release to the viewer's canvas. */
    private void drag(int button, int x, int dx, int y, int dy) {
        var canvas = viewer.canvas().control();
        Event down = new Event();
        down.button = button;
        down.x = 100 + x;
        down.y = 100 + y;
        canvas.notifyListeners(SWT.MouseDown, down);
        Event move = new Event();
        move.x = down.x + dx;
        move.y = down.y + dy;
        move.stateMask = button == 1 ? SWT.BUTTON1 : SWT.BUTTON2;
        canvas.notifyListeners(SWT.MouseMove, move);
        Event up = new Event();
        up.button = button;
        canvas.notifyListeners(SWT.MouseUp, up);
        Workbench.flush();
    }

    private void wheel(int count) {
        Event event = new Event();
        event.count = count;
        viewer.canvas().control().notifyListeners(SWT.MouseVerticalWheel, event);
        Workbench.flush();
    }

    /** Returns the 8-bit grey level of the LINEAR VOI function of PS3.3 C.11.2.1.2.1. */
    private static int linearWindow(double x, double center, double width) {
        double y;
        if (x <= center - 0.5 - (width - 1) / 2) {
            y = 0;
        } else if (x > center - 0.5 + (width - 1) / 2) {
            y = 1;
        } else {
            y = (x - (center - 0.5)) / (width - 1) + 0.5;
        }
        return (int) Math.round(y * 255);
    }
}
