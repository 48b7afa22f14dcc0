package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Access to the running workbench for the UI tests: parts, perspectives, events and screenshots. */
final class Workbench {

    /** The DICOM files of the test-data cache, by package, as releng/scripts/fetch-test-data.sh unpacks them. */
    static final Map<String, String> TEST_DATA_ROOTS = Map.of(
            "pydicom", "usr/lib/python3/dist-packages/pydicom/data/test_files",
            "gdcm-examples", "usr/share/doc/libgdcm3.0/examples",
            "octave-dicom", "usr/share/octave/packages/dicom-0.5.1/imdata");

    private Workbench() {}

    /** Returns the main window's shell. */
    static Shell mainShell() {
        Display display = Display.getCurrent();
        assertThat(display).as("tests run on the workbench's UI thread").isNotNull();
        flush();
        return Arrays.stream(display.getShells())
                .filter(shell -> "Robustlab".equals(shell.getText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No shell titled Robustlab"));
    }

    /** Returns the main window's model element. */
    static MWindow mainWindow() {
        Object element = mainShell().getData("modelElement");
        assertThat(element).as("the e4 renderer's model element of the main shell").isInstanceOf(MWindow.class);
        return (MWindow) element;
    }

    /** Switches to a perspective, shows a part and returns its object once rendered. */
    static <T> T showPart(String perspective, String partId, Class<T> type) {
        MWindow window = mainWindow();
        EModelService models = window.getContext().get(EModelService.class);
        EPartService parts = window.getContext().get(EPartService.class);
        MPerspective found = (MPerspective) models.find("org.robustlab.ui.perspective." + perspective, window);
        assertThat(found).as("perspective %s", perspective).isNotNull();
        parts.switchPerspective(found);
        MPart part = parts.showPart("org.robustlab.ui.part." + partId, PartState.ACTIVATE);
        flush();
        assertThat(part.getObject()).as("object of part %s", partId).isInstanceOf(type);
        return type.cast(part.getObject());
    }

    /** Processes pending UI events. */
    static void flush() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // process everything queued
        }
    }

    /** Processes events until {@code condition} holds, failing after {@code seconds}. */
    static void waitUntil(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + seconds + " s waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                // Display.sleep would wait for the next UI event, which a finished job or thread need not send
                Thread.sleep(20);
            }
        }
    }

    /** Returns a file of the test-data cache, as {@code <package>/<path>}. */
    static Path testFile(String key) {
        int slash = key.indexOf('/');
        String name = key.substring(0, slash);
        Path file = testDataDirectory().resolve(name).resolve(TEST_DATA_ROOTS.get(name)).resolve(key.substring(slash + 1));
        assertThat(Files.isRegularFile(file))
                .as("test data file %s; run releng/scripts/fetch-test-data.sh", file)
                .isTrue();
        return file;
    }

    /** Returns the test-data cache: -Drobustlab.test.data, $ROBUSTLAB_TEST_DATA or ~/.cache/robustlab/test-data. */
    static Path testDataDirectory() {
        String property = System.getProperty("robustlab.test.data");
        String environment = System.getenv("ROBUSTLAB_TEST_DATA");
        return property != null
                ? Path.of(property)
                : environment != null
                        ? Path.of(environment)
                        : Path.of(System.getProperty("user.home"), ".cache", "robustlab", "test-data");
    }

    /** Copies the main window from the screen into a PNG under the screenshot folder. */
    static Path screenshot(String name) throws Exception {
        return screenshot(mainShell(), name);
    }

    /** Copies a shell from the screen into a PNG under the screenshot folder. */
    static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        flush();
        Thread.sleep(200);
        flush();
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Path folder = Path.of(System.getProperty("robustlab.screenshots", "target/screenshots"));
            Files.createDirectories(folder);
            Path file = folder.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
