package org.robustlab.data.dicom.internal;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * Ends the parse of a data set at the first tag after Pixel Data (7FE0,0010) that is not greater than it. The data
 * elements of a data set are in ascending tag order (PS3.5 section 7.1), and the only standard elements after
 * Pixel Data are the Digital Signatures Sequence (FFFA,FFFA) and Data Set Trailing Padding (FFFC,FFFC). What
 * follows is therefore not a data element, for example zero padding up to a block size, which PixelMed would
 * otherwise parse as tag (0000,0000) again and again, printing one "Illegal duplicate tag" line to standard error
 * for every four bytes.
 */
final class PixelDataEnd implements AttributeList.ReadTerminationStrategy {

    private AttributeTag stoppedAt;

    @Override
    public boolean terminate(AttributeList list, AttributeTag tag, long bytesRead) {
        if (stoppedAt == null && list.get(TagFromName.PixelData) != null && tag.compareTo(TagFromName.PixelData) <= 0) {
            stoppedAt = tag;
        }
        return stoppedAt != null;
    }

    /** Returns a warning naming the tag the parse stopped at, or null when it read to the end of the file. */
    String warning() {
        if (stoppedAt == null) {
            return null;
        }
        return "ignored the rest of the file after Pixel Data (7FE0,0010): tag " + stoppedAt
                + " is out of ascending order, so it is not a data element (for example zero padding)";
    }
}
