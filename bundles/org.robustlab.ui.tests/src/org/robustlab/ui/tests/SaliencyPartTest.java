package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.experiment.RunSummary;
import org.robustlab.ui.image.Colormap;
import org.robustlab.ui.parts.SaliencyPart;
import org.robustlab.ui.saliency.SaliencyGrid;
import org.robustlab.ui.saliency.SaliencyRun;

/** The saliency comparison part on a real run of the quick lesion benchmark. */
class SaliencyPartTest {

    private SaliencyPart part;

    private SaliencyGrid grid;

    @BeforeEach
    void openRun() throws Exception {
        RunSummary run = TinyRun.get();
        part = Workbench.showPart("saliency", "saliency", SaliencyPart.class);
        part.chooser().select(run.runFolder());
        Workbench.flush();
        grid = part.grid();
        grid.setOpacity(0.5);
        grid.setColormap(Colormap.JET);
    }

    @Test
    void gridHasModelRowsAndMethodColumns() throws Exception {
        SaliencyRun run = grid.run();
        Workbench.screenshot("saliency-comparison.png");

        assertThat(run.models()).containsExactly("standard", "pgd", "dual-bn");
        assertThat(run.methods()).containsExactly("vanilla-gradient", "grad-cam");
        assertThat(grid.cells()).hasSize(3 * 3);
        String branch = Files.readString(run.runFolder().resolve("params/evaluation.saliencyBranch")).strip();
        assertThat(run.rowLabel("dual-bn")).isEqualTo("dual-bn (" + branch.toLowerCase(java.util.Locale.ROOT) + " BN)");
        assertThat(part.status().getText()).contains("3 models", "2 methods", "with masks");
    }

    @Test
    void zoomAndPanAreSynchronised() {
        List<SaliencyGrid.Cell> cells = grid.cellList();
        cells.get(0).canvas().viewport().setZoom(3);
        var canvas = cells.get(4).canvas().control();
        Event down = new Event();
        down.button = 3;
        down.x = 20;
        down.y = 20;
        canvas.notifyListeners(SWT.MouseDown, down);
        Event move = new Event();
        move.x = 35;
        move.y = 28;
        move.stateMask = SWT.BUTTON3;
        canvas.notifyListeners(SWT.MouseMove, move);
        canvas.notifyListeners(SWT.MouseUp, new Event());
        Workbench.flush();

        assertThat(grid.viewport().zoom()).isEqualTo(3.0);
        assertThat(grid.viewport().centerX()).isLessThan(0.5);
        assertThat(grid.viewport().centerY()).isLessThan(0.5);
        for (SaliencyGrid.Cell cell : cells) {
            // every cell shows the same image point at its centre, whatever its own size
            Rectangle bounds = cell.canvas().imageBounds();
            Rectangle area = cell.canvas().control().getClientArea();
            double shownX = (area.width / 2.0 - bounds.x) / bounds.width;
            double shownY = (area.height / 2.0 - bounds.y) / bounds.height;
            assertThat(cell.canvas().viewport()).isSameAs(grid.viewport());
            assertThat(shownX).isCloseTo(grid.viewport().centerX(), org.assertj.core.api.Assertions.within(0.01));
            assertThat(shownY).isCloseTo(grid.viewport().centerY(), org.assertj.core.api.Assertions.within(0.01));
        }
    }

    @Test
    void zeroOpacityShowsTheInputAndColormapChangesOverlay() {
        grid.setOpacity(0);
        ImageData input = grid.cells().get("pgd/input").canvas().imageData();
        ImageData overlay = grid.cells().get("pgd/grad-cam").canvas().imageData();
        float[] image = grid.run().image(0);
        float[] mask = grid.run().mask(0);
        int width = grid.run().width();
        for (int i = 0; i < image.length; i++) {
            if (mask[i] < 0.5f) {
                int grey = (int) Math.round(Math.max(0, Math.min(1, image[i])) * 255);
                int rgb = overlay.getPixel(i % width, i / width);
                assertThat(rgb).as("pixel %d", i).isEqualTo(grey << 16 | grey << 8 | grey);
                assertThat(input.getPixel(i % width, i / width)).isEqualTo(grey);
            }
        }
        grid.setOpacity(1);
        int[] jet = pixels(grid.cells().get("pgd/grad-cam").canvas().imageData());
        grid.setColormap(Colormap.HOT);
        int[] hot = pixels(grid.cells().get("pgd/grad-cam").canvas().imageData());

        assertThat(hot).isNotEqualTo(jet);
    }

    @Test
    void captionsGiveLocalisationScoresFromMask() {
        String model = "standard";
        String method = "vanilla-gradient";
        float[] raw = grid.run().rawMap(model, method, 0);
        float[] mask = grid.run().mask(0);
        double inside = 0;
        double total = 0;
        for (int i = 0; i < raw.length; i++) {
            total += Math.abs(raw[i]);
            inside += mask[i] > 0.5f ? Math.abs(raw[i]) : 0;
        }

        assertThat(grid.caption(model, method))
                .startsWith(String.format(java.util.Locale.ROOT, "mask energy %.2f, ", inside / total));
        assertThat(grid.caption(model, "input")).isEqualTo("mask outlined");
    }

    @Test
    void exportWritesTheGridAsPng(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("grid.png");
        part.showCase(1);
        part.export(file);
        ImageData[] written = new ImageLoader().load(file.toString());
        Path screenshots = Files.createDirectories(
                Path.of(System.getProperty("robustlab.screenshots", "target/screenshots")));
        Files.copy(file, screenshots.resolve("saliency-export.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(grid.caseIndex()).isEqualTo(1);
        assertThat(written).hasSize(1);
        assertThat(written[0].width).isEqualTo(180 + 3 * 240);
        assertThat(written[0].height).isEqualTo(20 + 3 * (240 + 20));
    }

    private static int[] pixels(ImageData data) {
        int[] row = new int[data.width * data.height];
        for (int y = 0; y < data.height; y++) {
            data.getPixels(0, y, data.width, row, y * data.width);
        }
        return row;
    }
}
