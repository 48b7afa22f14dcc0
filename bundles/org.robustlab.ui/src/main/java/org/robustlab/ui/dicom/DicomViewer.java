package org.robustlab.ui.dicom;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.Voi;
import org.robustlab.data.dicom.VoiFunction;
import org.robustlab.data.dicom.VoiWindow;
import org.robustlab.ui.image.ImageCanvas;
import org.robustlab.ui.image.Viewport;

/**
 * A DICOM viewer: the image with window/level by left-button drag (right widens the window, down raises the
 * center) and presets, zoom (Ctrl and wheel) and pan (middle or right drag, or Shift and left drag), frame
 * scrolling by wheel or slider for multi-frame files, and a panel of de-identified metadata.
 */
public final class DicomViewer {

    /** Share of the current width by which one pixel of drag changes the window. */
    private static final double DRAG_SENSITIVITY = 1 / 200.0;

    private final Composite root;

    private final Combo presets;

    private final Scale frameSlider;

    private final Label status;

    private final ImageCanvas canvas;

    private final Table metadata;

    private DicomImage image;

    private FrameRenderer renderer;

    private Map<String, Voi> presetsByName = Map.of();

    private int frame;

    private Voi voi;

    /** Creates the viewer's widgets under {@code parent}. */
    public DicomViewer(Composite parent) {
        root = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(root, SWT.NONE);
        left.setLayout(new GridLayout(5, false));
        new Label(left, SWT.NONE).setText("Window:");
        presets = new Combo(left, SWT.READ_ONLY);
        GridData presetData = new GridData(SWT.FILL, SWT.CENTER, false, false);
        presetData.widthHint = 240;
        presets.setLayoutData(presetData);
        presets.addListener(SWT.Selection, event -> applyPreset(presets.getText()));
        new Label(left, SWT.NONE).setText("Frame:");
        frameSlider = new Scale(left, SWT.HORIZONTAL);
        frameSlider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        frameSlider.addListener(SWT.Selection, event -> setFrame(frameSlider.getSelection()));
        Button reset = new Button(left, SWT.PUSH);
        reset.setText("Reset view");
        reset.addListener(SWT.Selection, event -> resetView());
        canvas = new ImageCanvas(left, new Viewport());
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        canvas.setLeftDragHandler(this::adjustWindow);
        canvas.setWheelHandler(steps -> setFrame(frame - steps));
        canvas.viewport().addListener(this::updateStatus);
        status = new Label(left, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        metadata = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        metadata.setHeaderVisible(true);
        metadata.setLinesVisible(true);
        new TableColumn(metadata, SWT.NONE).setText("Attribute");
        new TableColumn(metadata, SWT.NONE).setText("Value");
        ((SashForm) root).setWeights(7, 3);
        clear("No image. Choose a DICOM file.");
    }

    /** Returns the top-level control. */
    public Composite control() {
        return root;
    }

    /** Shows an image at its first frame, default window and whole-image view. */
    public void show(DicomImage dicomImage, Path file) {
        image = dicomImage;
        renderer = new FrameRenderer(dicomImage);
        frame = 0;
        frameSlider.setMaximum(Math.max(1, dicomImage.frameCount() - 1));
        frameSlider.setSelection(0);
        frameSlider.setEnabled(dicomImage.frameCount() > 1);
        voi = dicomImage.isColor() ? null : dicomImage.defaultVoi(0);
        refreshPresets();
        fillMetadata();
        canvas.viewport().reset();
        render();
        root.setData("file", file == null ? null : file.getFileName().toString());
    }

    /** Clears the viewer and shows {@code message} in its status line. */
    public void clear(String message) {
        image = null;
        renderer = null;
        canvas.setImageData(null);
        canvas.setCaption("");
        presets.removeAll();
        presets.setEnabled(false);
        frameSlider.setEnabled(false);
        metadata.removeAll();
        status.setText(message);
    }

    /** Shows frame {@code index}, clipped to the image's frames. */
    public void setFrame(int index) {
        if (image == null) {
            return;
        }
        int clipped = Math.max(0, Math.min(image.frameCount() - 1, index));
        if (clipped != frame) {
            frame = clipped;
            frameSlider.setSelection(frame);
            render();
        }
    }

    /** Applies the preset of this name, as listed by {@link WindowPresets#of}. */
    public void applyPreset(String name) {
        Voi preset = presetsByName.get(name);
        if (preset != null) {
            voi = preset;
            presets.setText(name);
            render();
        }
    }

    /** Changes the window as a left-button drag by {@code dx}, {@code dy} screen pixels does. */
    public void adjustWindow(int dx, int dy) {
        if (image == null || image.isColor()) {
            return;
        }
        VoiWindow window =
                voi instanceof VoiWindow current ? current : DicomImage.minMaxWindow(renderer.modalityValues(frame));
        double step = Math.max(window.width(), 1) * DRAG_SENSITIVITY;
        double width = Math.max(1, window.width() + dx * step);
        double center = window.center() + dy * step;
        voi = new VoiWindow(center, width, VoiFunction.LINEAR, "");
        render();
    }

    /** Shows the whole image, centred. */
    public void resetView() {
        canvas.viewport().reset();
    }

    /** Returns the frame shown. */
    public int frame() {
        return frame;
    }

    /** Returns the VOI in use, or {@code null} for a colour image. */
    public Voi voi() {
        return voi;
    }

    /** Returns the image shown, or {@code null}. */
    public DicomImage image() {
        return image;
    }

    /** Returns the image canvas. */
    public ImageCanvas canvas() {
        return canvas;
    }

    /** Returns the preset menu. */
    public Combo presets() {
        return presets;
    }

    /** Returns the frame slider. */
    public Scale frameSlider() {
        return frameSlider;
    }

    /** Returns the metadata table. */
    public Table metadata() {
        return metadata;
    }

    /** Returns the status line. */
    public Label status() {
        return status;
    }

    private void refreshPresets() {
        presets.removeAll();
        if (image.isColor()) {
            presetsByName = Map.of();
            presets.setEnabled(false);
            return;
        }
        presetsByName = WindowPresets.of(image, frame);
        presetsByName.keySet().forEach(presets::add);
        presets.setEnabled(true);
        presets.select(0);
    }

    private void fillMetadata() {
        metadata.removeAll();
        for (MetadataRows.Row row : MetadataRows.of(image)) {
            new TableItem(metadata, SWT.NONE).setText(new String[] {row.attribute(), row.value()});
        }
        for (TableColumn column : metadata.getColumns()) {
            column.pack();
        }
    }

    private void render() {
        canvas.setImageData(renderer.render(frame, voi));
        updateStatus();
    }

    private void updateStatus() {
        if (image == null) {
            return;
        }
        String window = voi instanceof VoiWindow w
                ? String.format(Locale.ROOT, "W %.0f  L %.0f", w.width(), w.center())
                : voi == null ? "colour" : voi.describe();
        String text = String.format(
                Locale.ROOT,
                "Frame %d/%d   %s   %s   Zoom %.0f%%",
                frame + 1,
                image.frameCount(),
                image.pixelFormat().photometricInterpretation(),
                window,
                canvas.viewport().zoom() * 100);
        canvas.setCaption(text);
        status.setText(text);
    }
}
