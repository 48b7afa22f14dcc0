package org.robustlab.data.dicom;

/**
 * The Modality LUT of PS3.3 C.11.1: maps a stored value to a modality value (for CT, Hounsfield units). It is
 * either a linear rescale or a lookup table from the Modality LUT Sequence (0028,3000).
 */
public sealed interface ModalityLut permits ModalityLut.Rescale, ModalityLut.Table {

    /** The identity rescale, for images without a Modality LUT. */
    Rescale IDENTITY = new Rescale(1, 0, "");

    /** Returns the modality value of a stored value. */
    double apply(long storedValue);

    /**
     * Rescale Slope (0028,1053) and Rescale Intercept (0028,1052), applied in double precision as
     * {@code slope * stored + intercept}. Any sign is allowed; a slope of 0 is rejected by the reader.
     *
     * @param slope rescale slope
     * @param intercept rescale intercept
     * @param type Rescale Type (0028,1054), for example {@code HU}, or empty
     */
    record Rescale(double slope, double intercept, String type) implements ModalityLut {

        public Rescale {
            if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope == 0) {
                throw new IllegalArgumentException("Invalid rescale: slope " + slope + ", intercept " + intercept
                        + "; need a finite non-zero slope");
            }
            type = type == null ? "" : type;
        }

        @Override
        public double apply(long storedValue) {
            return slope * storedValue + intercept;
        }
    }

    /**
     * A Modality LUT table: inputs below {@code firstMapped} take the first entry, inputs beyond the table the
     * last.
     *
     * @param firstMapped the first stored value mapped
     * @param entries the output values
     * @param type Modality LUT Type (0028,3004), or empty
     */
    record Table(int firstMapped, int[] entries, String type) implements ModalityLut {

        public Table {
            if (entries.length == 0) {
                throw new IllegalArgumentException("Invalid Modality LUT: no entries");
            }
            entries = entries.clone();
            type = type == null ? "" : type;
        }

        @Override
        public double apply(long storedValue) {
            long index = storedValue - firstMapped;
            return entries[(int) Math.max(0, Math.min(entries.length - 1, index))];
        }

        @Override
        public int[] entries() {
            return entries.clone();
        }
    }
}
