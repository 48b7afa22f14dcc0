package org.robustlab.data.dicom;

/**
 * The Red, Green and Blue Palette Color Lookup Tables of PS3.3 C.7.6.3.1.5 and C.7.6.3.1.6: each stored value
 * indexes the three tables; indices below {@code firstMapped} take the first entry and indices beyond a table its
 * last. Entries are scaled to [0, 1] by {@code 2^bits - 1}.
 *
 * @param firstMapped the first stored value mapped (second value of the LUT descriptors)
 * @param bits bits per entry (third value of the descriptors): 8 or 16
 * @param red red table
 * @param green green table
 * @param blue blue table
 */
public record ColorPalette(int firstMapped, int bits, int[] red, int[] green, int[] blue) {

    public ColorPalette {
        if (red.length == 0 || green.length == 0 || blue.length == 0 || (bits != 8 && bits != 16)) {
            throw new IllegalArgumentException("Invalid palette: table sizes " + red.length + "/" + green.length + "/"
                    + blue.length + ", " + bits + " bits per entry; need non-empty tables of 8 or 16 bits");
        }
        red = red.clone();
        green = green.clone();
        blue = blue.clone();
    }

    /** Returns the colour of a stored value as red, green and blue in [0, 1], written to {@code rgb}. */
    public void lookUp(long storedValue, float[] rgb) {
        float scale = (float) ((1 << bits) - 1);
        rgb[0] = Math.min(1f, entry(red, storedValue) / scale);
        rgb[1] = Math.min(1f, entry(green, storedValue) / scale);
        rgb[2] = Math.min(1f, entry(blue, storedValue) / scale);
    }

    private int entry(int[] table, long storedValue) {
        long index = storedValue - firstMapped;
        return table[(int) Math.max(0, Math.min(table.length - 1, index))];
    }

    @Override
    public int[] red() {
        return red.clone();
    }

    @Override
    public int[] green() {
        return green.clone();
    }

    @Override
    public int[] blue() {
        return blue.clone();
    }
}
