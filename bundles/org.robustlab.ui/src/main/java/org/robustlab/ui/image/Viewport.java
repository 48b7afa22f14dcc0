package org.robustlab.ui.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Zoom and pan shared by one or more {@link ImageCanvas}es, so that a grid of images moves together. The zoom is
 * relative to fitting the image into its canvas; the pan is the image point at the canvas centre, as a fraction of
 * the image width and height, so that images of different resolutions stay aligned.
 */
public final class Viewport {

    /** Smallest zoom factor. */
    public static final double MIN_ZOOM = 0.25;

    /** Largest zoom factor. */
    public static final double MAX_ZOOM = 32;

    private final List<Runnable> listeners = new ArrayList<>();

    private double zoom = 1;

    private double centerX = 0.5;

    private double centerY = 0.5;

    /** Returns the zoom factor; 1 fits the whole image into the canvas. */
    public double zoom() {
        return zoom;
    }

    /** Returns the horizontal image position at the canvas centre, 0 at the left edge and 1 at the right. */
    public double centerX() {
        return centerX;
    }

    /** Returns the vertical image position at the canvas centre, 0 at the top edge and 1 at the bottom. */
    public double centerY() {
        return centerY;
    }

    /** Sets the zoom factor, clipped to [{@value #MIN_ZOOM}, {@value #MAX_ZOOM}]. */
    public void setZoom(double factor) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, factor));
        changed();
    }

    /** Moves the image point at the canvas centre, in fractions of the image size, clipped to [0, 1]. */
    public void setCenter(double x, double y) {
        centerX = Math.max(0, Math.min(1, x));
        centerY = Math.max(0, Math.min(1, y));
        changed();
    }

    /** Returns to the whole image, centred. */
    public void reset() {
        zoom = 1;
        centerX = 0.5;
        centerY = 0.5;
        changed();
    }

    /** Registers a listener called after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable listener : List.copyOf(listeners)) {
            listener.run();
        }
    }
}
