package org.robustlab.data.dicom;

/**
 * A VOI LUT from the VOI LUT Sequence (0028,3010): LUT Descriptor (0028,3002) and LUT Data (0028,3006). Inputs
 * below the first mapped value take the first entry and inputs beyond the table take the last (PS3.3 C.11.2.1.1);
 * entries are scaled to [0, 1] by {@code 2^bits - 1}.
 *
 * @param firstMapped the first input value mapped, in modality units
 * @param entries the table entries
 * @param bits bits per entry, from the third value of the descriptor
 * @param explanation the LUT Explanation (0028,3003), or empty
 */
public record VoiTable(int firstMapped, int[] entries, int bits, String explanation) implements Voi {

    public VoiTable {
        if (entries.length == 0 || bits < 1 || bits > 16) {
            throw new IllegalArgumentException("Invalid VOI LUT: " + entries.length + " entries of " + bits
                    + " bits; need >= 1 entry of 1-16 bits");
        }
        entries = entries.clone();
        explanation = explanation == null ? "" : explanation;
    }

    @Override
    public double apply(double modalityValue) {
        long index = (long) Math.floor(modalityValue) - firstMapped;
        int clamped = (int) Math.max(0, Math.min(entries.length - 1, index));
        return Math.min(1.0, entries[clamped] / (double) ((1 << bits) - 1));
    }

    @Override
    public String describe() {
        return "VOI LUT of " + entries.length + " entries" + (explanation.isEmpty() ? "" : " (" + explanation + ")");
    }

    @Override
    public int[] entries() {
        return entries.clone();
    }
}
