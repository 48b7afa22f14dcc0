package org.robustlab.data.dicom.internal;

import java.util.Arrays;

/**
 * Colour markers of a JPEG stream: the JFIF APP0 marker (YCbCr), the Adobe APP14 transform flag (0 RGB, 1 YCbCr)
 * and the component identifiers of the frame header. T.81 defines no colour space, so decoders guess from these.
 * Where none decides, libjpeg and Image I/O assume YCbCr.
 *
 * @param jfif whether an APP0 segment starts with "JFIF"
 * @param adobeTransform the transform flag of an Adobe APP14 segment, or -1 without one
 * @param componentIds the component identifiers of the frame header, empty when the stream has none
 */
record JpegColorMarkers(boolean jfif, int adobeTransform, int[] componentIds) {

    private static final int APP0 = 0xE0;
    private static final int APP14 = 0xEE;

    /** Reads the markers up to the first frame header. A stream cut short yields what precedes the cut. */
    static JpegColorMarkers read(byte[] stream) {
        boolean jfif = false;
        int adobeTransform = -1;
        for (JpegSegment segment : JpegSegment.beforeScan(stream)) {
            int data = segment.dataStart();
            int end = Math.min(stream.length, segment.end());
            if (segment.marker() == APP0 && startsWith(stream, data, end, "JFIF")) {
                jfif = true;
            } else if (segment.marker() == APP14 && startsWith(stream, data, end, "Adobe") && data + 11 < end) {
                adobeTransform = stream[data + 11] & 0xFF;
            } else if (isFrameHeader(segment.marker())) {
                return new JpegColorMarkers(jfif, adobeTransform, componentIds(stream, data, end));
            }
        }
        return new JpegColorMarkers(jfif, adobeTransform, new int[0]);
    }

    /**
     * Returns whether the markers make the three components RGB: an Adobe transform flag of 0, or neither JFIF nor
     * Adobe marker and identifiers other than 1, 2, 3.
     */
    boolean containsRgb() {
        if (componentIds.length != 3 || jfif) {
            return false;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 0;
        }
        return !Arrays.equals(componentIds, new int[] {1, 2, 3});
    }

    /**
     * Returns whether Image I/O would decode these RGB components as YCbCr: no marker and identifiers other than
     * 'R', 'G', 'B' (0, 1, 2, for example).
     */
    boolean decoderAssumesYcbcr() {
        return containsRgb() && adobeTransform < 0 && !Arrays.equals(componentIds, new int[] {'R', 'G', 'B'});
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int[] componentIds(byte[] stream, int data, int end) {
        if (data + 6 > end) {
            return new int[0];
        }
        int count = stream[data + 5] & 0xFF;
        if (data + 6 + 3 * count > end) {
            return new int[0];
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = stream[data + 6 + 3 * i] & 0xFF;
        }
        return ids;
    }

    private static boolean startsWith(byte[] stream, int start, int end, String text) {
        if (start + text.length() > end) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (stream[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JpegColorMarkers markers
                && jfif == markers.jfif
                && adobeTransform == markers.adobeTransform
                && Arrays.equals(componentIds, markers.componentIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(jfif) + adobeTransform) + Arrays.hashCode(componentIds);
    }

    @Override
    public String toString() {
        return "JpegColorMarkers[jfif=" + jfif + ", adobeTransform=" + adobeTransform + ", componentIds="
                + Arrays.toString(componentIds) + "]";
    }
}
