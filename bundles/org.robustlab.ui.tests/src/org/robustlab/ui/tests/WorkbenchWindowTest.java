package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The real Robustlab workbench, started by the test harness; tests run on its UI thread. */
class WorkbenchWindowTest {

    @Test
    void mainWindowIsOpenWithRobustlabTitle() throws Exception {
        Shell shell = mainWindow();
        screenshot(shell, "workbench.png");

        assertThat(shell.isVisible()).isTrue();
        assertThat(shell.getText()).isEqualTo("Robustlab");
    }

    @Test
    void welcomePartListsInstalledContributions() {
        Table table = Workbench.showPart("welcome", "welcome", org.robustlab.ui.parts.WelcomePart.class).table();
        List<String> ids = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            ids.add(item.getText(0) + "/" + item.getText(1));
        }

        assertThat(table.getColumnCount()).isEqualTo(4);
        assertThat(ids).contains("evaluation view/metric-table");
    }

    @Test
    void nd4jWorksOnTheUserInterfaceThread() {
        assertThat(Display.getCurrent()).isNotNull();
        INDArray matrix = Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2});

        assertThat(matrix.mmul(matrix).toFloatMatrix()).isDeepEqualTo(new float[][] {{7, 10}, {15, 22}});
    }

    private static Shell mainWindow() {
        Display display = Display.getCurrent();
        assertThat(display).as("tests run on the workbench's UI thread").isNotNull();
        while (display.readAndDispatch()) {
            // let the workbench finish laying out
        }
        return Arrays.stream(display.getShells())
                .filter(shell -> "Robustlab".equals(shell.getText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No shell titled Robustlab among "
                        + Arrays.stream(display.getShells()).map(Shell::getText).toList()));
    }

    private static Table findTable(Control control) {
        if (control instanceof Table table) {
            return table;
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Table found = findTable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static void screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        while (display.readAndDispatch()) {
            // paint before copying the screen
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            Path folder = Path.of(System.getProperty("robustlab.screenshots", "target/screenshots"));
            Files.createDirectories(folder);
            loader.save(folder.resolve(name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
