package org.robustlab.ui.saliency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;

/**
 * Writes a {@link SaliencyGrid} as one PNG: a header row of column names, then per model its label and cells,
 * each cell scaled to {@value #CELL} pixels with its caption below.
 */
public final class GridExport {

    /** Cell size in the exported image, in pixels. */
    static final int CELL = 240;

    private static final int LABEL_WIDTH = 180;

    private static final int TEXT_HEIGHT = 20;

    private GridExport() {}

    /** Renders the grid and writes it to {@code file} as PNG; returns the image size. */
    public static Point write(SaliencyGrid grid, Path file) {
        Map<String, List<SaliencyGrid.Cell>> rows = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (SaliencyGrid.Cell cell : grid.cellList()) {
            rows.computeIfAbsent(cell.row(), row -> new ArrayList<>()).add(cell);
            if (!columns.contains(cell.column())) {
                columns.add(cell.column());
            }
        }
        int width = LABEL_WIDTH + columns.size() * CELL;
        int height = TEXT_HEIGHT + rows.size() * (CELL + TEXT_HEIGHT);
        Display display = grid.control().getDisplay();
        Image image = new Image(display, width, height);
        GC gc = new GC(image);
        try {
            draw(gc, grid, rows, columns, width, height);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
        return new Point(width, height);
    }

    private static void draw(
            GC gc,
            SaliencyGrid grid,
            Map<String, List<SaliencyGrid.Cell>> rows,
            List<String> columns,
            int width,
            int height) {
        Display display = grid.control().getDisplay();
        gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(0, 0, width, height);
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        for (int c = 0; c < columns.size(); c++) {
            gc.drawText(columns.get(c), LABEL_WIDTH + c * CELL + 4, 2, true);
        }
        int y = TEXT_HEIGHT;
        for (Map.Entry<String, List<SaliencyGrid.Cell>> row : rows.entrySet()) {
            gc.drawText(grid.run().rowLabel(row.getKey()), 4, y + CELL / 2, true);
            for (SaliencyGrid.Cell cell : row.getValue()) {
                int x = LABEL_WIDTH + columns.indexOf(cell.column()) * CELL;
                ImageData data = cell.canvas().imageData();
                Image cellImage = new Image(display, data);
                try {
                    gc.drawImage(cellImage, 0, 0, data.width, data.height, x, y, CELL, CELL);
                } finally {
                    cellImage.dispose();
                }
                gc.drawText(cell.caption().getText(), x + 2, y + CELL + 2, true);
            }
            y += CELL + TEXT_HEIGHT;
        }
    }
}
