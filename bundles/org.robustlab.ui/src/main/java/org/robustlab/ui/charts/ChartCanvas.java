package org.robustlab.ui.charts;

import java.awt.image.BufferedImage;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.robustlab.ui.image.Rasters;

/**
 * Shows a JFreeChart in SWT. The chart is drawn by JFreeChart into an AWT image of the canvas size and copied into
 * an SWT image, so no AWT window or SWT_AWT bridge is needed and AWT runs headless inside the workbench.
 */
public final class ChartCanvas {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Canvas canvas;

    private final JFreeChart chart;

    private Image image;

    /** Creates the canvas under {@code parent} for {@code chart}. */
    public ChartCanvas(Composite parent, JFreeChart chart) {
        this.chart = chart;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addListener(SWT.Resize, event -> render());
        canvas.addPaintListener(event -> {
            if (image != null) {
                event.gc.drawImage(image, 0, 0);
            }
        });
        canvas.addListener(SWT.Dispose, event -> disposeImage());
    }

    /** Returns the SWT canvas. */
    public Canvas control() {
        return canvas;
    }

    /** Returns the chart. */
    public JFreeChart chart() {
        return chart;
    }

    /** Renders the chart at {@code width} x {@code height} pixels. */
    public static ImageData render(JFreeChart chart, int width, int height) {
        BufferedImage awt = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        return Rasters.fromAwt(awt);
    }

    private void render() {
        Rectangle area = canvas.getClientArea();
        if (area.width < 10 || area.height < 10) {
            return;
        }
        disposeImage();
        image = new Image(canvas.getDisplay(), render(chart, area.width, area.height));
        canvas.redraw();
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
