package org.robustlab.data.dicom.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A marker segment of a JPEG stream: its marker (the byte after 0xFF), where the marker starts, and where the
 * segment ends by its length field. The end lies past the stream when the stream is cut short.
 */
record JpegSegment(int marker, int start, int end) {

    static final int SOI = 0xD8;

    static final int SOS = 0xDA;

    private static final int FILL = 0xFF;

    /**
     * Returns the segments after SOI up to and including the first SOS, skipping fill bytes. The walk ends early at
     * a byte that does not start a marker or at the end of the stream, and a stream without SOI has no segments.
     */
    static List<JpegSegment> beforeScan(byte[] stream) {
        List<JpegSegment> segments = new ArrayList<>();
        if (stream.length < 4 || (stream[0] & 0xFF) != 0xFF || (stream[1] & 0xFF) != SOI) {
            return segments;
        }
        int position = 2;
        while (position + 4 <= stream.length && (stream[position] & 0xFF) == 0xFF) {
            int marker = stream[position + 1] & 0xFF;
            if (marker == FILL) {
                position++;
                continue;
            }
            int length = ((stream[position + 2] & 0xFF) << 8) | (stream[position + 3] & 0xFF);
            JpegSegment segment = new JpegSegment(marker, position, position + 2 + length);
            segments.add(segment);
            if (marker == SOS) {
                break;
            }
            position = segment.end();
        }
        return segments;
    }

    /** Returns the offset of the segment's data, after the marker and the length field. */
    int dataStart() {
        return start + 4;
    }
}
