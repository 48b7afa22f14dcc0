package org.robustlab.data.dicom;

import java.nio.file.Path;

/**
 * Reads DICOM files (PS3.10, or a bare data set without preamble and file meta header) into {@link DicomImage}s:
 * uncompressed in either byte order, deflate, RLE, JPEG baseline, JPEG lossless and JPEG 2000 pixel data. Files in
 * JPEG-LS, 12-bit lossy JPEG and video syntaxes are rejected with the transfer syntax named.
 *
 * <p>Registered as an OSGi service; implementations are thread-safe.
 */
public interface DicomReader {

    /**
     * Reads a file and decodes all frames of its pixel data.
     *
     * @throws DicomReadException when the file is not DICOM, is corrupt, is too large, or its pixel data cannot
     *     be decoded; the exception names the file and the reason
     */
    DicomImage read(Path file);

    /**
     * Reads the header of a file up to its pixel data, without decoding pixels.
     *
     * @throws DicomReadException when the file is not DICOM or its image pixel module is invalid
     */
    DicomHeader readHeader(Path file);
}
