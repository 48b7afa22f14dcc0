package org.robustlab.ui.image;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * A canvas that shows one image under a {@link Viewport}. Dragging with the middle or right button, or with the
 * left button and Shift, pans; Ctrl and the mouse wheel zoom. A left-button drag handler and a wheel handler can
 * take over those gestures, as the DICOM viewer does for window/level and frames.
 */
public class ImageCanvas {

    /** Receives left-button drags as the distance moved since the last event, in screen pixels. */
    @FunctionalInterface
    public interface DragHandler {
        /** Called for each mouse move while the left button is down. */
        void dragged(int dx, int dy);
    }

    /** Receives mouse wheel steps without Ctrl; positive is away from the user. */
    @FunctionalInterface
    public interface WheelHandler {
        /** Called for each wheel event. */
        void scrolled(int steps);
    }

    private final Canvas canvas;

    private final Viewport viewport;

    private final Runnable repaint;

    private ImageData data;

    private Image image;

    private String caption = "";

    private DragHandler leftDrag;

    private WheelHandler wheel;

    private Point last;

    private boolean panning;

    /** Creates the canvas under {@code parent}, following {@code viewport}. */
    public ImageCanvas(Composite parent, Viewport viewport) {
        this.canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.viewport = viewport;
        this.repaint = () -> {
            if (!canvas.isDisposed()) {
                canvas.redraw();
            }
        };
        viewport.addListener(repaint);
        canvas.addPaintListener(event -> paint(event.gc));
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseUp, event -> last = null);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseVerticalWheel, this::mouseWheel);
        canvas.addListener(SWT.Dispose, event -> {
            viewport.removeListener(repaint);
            disposeImage();
        });
    }

    /** Returns the SWT canvas. */
    public Canvas control() {
        return canvas;
    }

    /** Returns the viewport this canvas follows. */
    public Viewport viewport() {
        return viewport;
    }

    /** Shows new image data; {@code null} clears the canvas. */
    public void setImageData(ImageData imageData) {
        disposeImage();
        data = imageData;
        image = imageData == null ? null : new Image(canvas.getDisplay(), imageData);
        canvas.redraw();
    }

    /** Returns the image data shown, or {@code null}. */
    public ImageData imageData() {
        return data;
    }

    /** Sets the text drawn in the top-left corner of the canvas. */
    public void setCaption(String text) {
        caption = text == null ? "" : text;
        canvas.redraw();
    }

    /** Returns the caption. */
    public String caption() {
        return caption;
    }

    /** Lets {@code handler} take left-button drags; {@code null} makes them pan again. */
    public void setLeftDragHandler(DragHandler handler) {
        leftDrag = handler;
    }

    /** Lets {@code handler} take wheel steps without Ctrl; {@code null} makes them zoom again. */
    public void setWheelHandler(WheelHandler handler) {
        wheel = handler;
    }

    /** Returns where the image is drawn in canvas coordinates under the current viewport. */
    public Rectangle imageBounds() {
        if (data == null) {
            return new Rectangle(0, 0, 0, 0);
        }
        Rectangle area = canvas.getClientArea();
        double scale = scale(area);
        int width = (int) Math.round(data.width * scale);
        int height = (int) Math.round(data.height * scale);
        int x = (int) Math.round(area.width / 2.0 - viewport.centerX() * data.width * scale);
        int y = (int) Math.round(area.height / 2.0 - viewport.centerY() * data.height * scale);
        return new Rectangle(x, y, width, height);
    }

    /** Pans by a distance in canvas pixels, as a drag does. */
    public void panBy(int dx, int dy) {
        if (data == null) {
            return;
        }
        double scale = scale(canvas.getClientArea());
        viewport.setCenter(
                viewport.centerX() - dx / (scale * data.width), viewport.centerY() - dy / (scale * data.height));
    }

    private double scale(Rectangle area) {
        double fit = Math.min(area.width / (double) data.width, area.height / (double) data.height);
        return Math.max(fit, 1e-3) * viewport.zoom();
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(area);
        if (image != null) {
            Rectangle target = imageBounds();
            gc.setInterpolation(viewport.zoom() > 2 ? SWT.NONE : SWT.HIGH);
            gc.drawImage(image, 0, 0, data.width, data.height, target.x, target.y, target.width, target.height);
        }
        if (!caption.isEmpty()) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_YELLOW));
            gc.drawText(caption, 4, 4, true);
        }
    }

    private void mouseDown(Event event) {
        last = new Point(event.x, event.y);
        panning = event.button != 1 || (event.stateMask & SWT.SHIFT) != 0 || leftDrag == null;
        canvas.setFocus();
    }

    private void mouseMove(Event event) {
        if (last == null || (event.stateMask & SWT.BUTTON_MASK) == 0) {
            last = null;
            return;
        }
        int dx = event.x - last.x;
        int dy = event.y - last.y;
        last = new Point(event.x, event.y);
        if (panning) {
            panBy(dx, dy);
        } else {
            leftDrag.dragged(dx, dy);
        }
    }

    private void mouseWheel(Event event) {
        int steps = Integer.signum(event.count);
        if ((event.stateMask & SWT.CTRL) != 0 || wheel == null) {
            viewport.setZoom(viewport.zoom() * Math.pow(1.25, steps));
        } else {
            wheel.scrolled(steps);
        }
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
