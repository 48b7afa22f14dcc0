package org.robustlab.ui.image;

/**
 * Colormaps for saliency overlays. Each maps a value in [0, 1] to a packed 0xRRGGBB colour by linear interpolation
 * between anchor colours.
 */
public enum Colormap {

    /** Black, red, yellow, white, like matplotlib's "hot". */
    HOT("Hot", new int[] {0x000000, 0xFF0000, 0xFFFF00, 0xFFFFFF}),

    /** Dark blue, blue, cyan, yellow, red, dark red, close to matplotlib's "jet". */
    JET("Jet", new int[] {0x00007F, 0x0000FF, 0x00FFFF, 0xFFFF00, 0xFF0000, 0x7F0000}),

    /** Purple, blue, green, yellow: four anchors approximating matplotlib's "viridis". */
    VIRIDIS("Viridis", new int[] {0x440154, 0x31688E, 0x35B779, 0xFDE725}),

    /** Black to white. */
    GREY("Grey", new int[] {0x000000, 0xFFFFFF});

    private final String label;

    private final int[] anchors;

    Colormap(String label, int[] anchors) {
        this.label = label;
        this.anchors = anchors;
    }

    /** Returns the name shown in the user interface. */
    public String label() {
        return label;
    }

    /** Returns the colour of {@code value}, clipped to [0, 1], as 0xRRGGBB. */
    public int rgb(double value) {
        double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
        double position = v * (anchors.length - 1);
        int lower = Math.min((int) Math.floor(position), anchors.length - 2);
        double t = position - lower;
        int from = anchors[lower];
        int to = anchors[lower + 1];
        return mix(from >> 16 & 0xFF, to >> 16 & 0xFF, t) << 16
                | mix(from >> 8 & 0xFF, to >> 8 & 0xFF, t) << 8
                | mix(from & 0xFF, to & 0xFF, t);
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
