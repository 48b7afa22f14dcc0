package org.robustlab.data.dicom;

import java.nio.file.Path;

import org.robustlab.core.data.DatasetException;

/**
 * Thrown when a file cannot be read as a DICOM image. The message names the file, the problem and, for pixel
 * data the decoders cannot handle, the transfer syntax; it never contains a patient identifier.
 */
public class DicomReadException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /** Why a file was rejected. */
    public enum Reason {
        /** The file does not start with a DICOM preamble, a file meta header or a plausible data element. */
        NOT_DICOM,
        /** The file is DICOM but has no Pixel Data. */
        NO_PIXEL_DATA,
        /** The pixel data is encoded in a transfer syntax that the installed decoders cannot decode. */
        UNSUPPORTED_TRANSFER_SYNTAX,
        /** The image pixel module describes a format this reader does not support. */
        UNSUPPORTED_PIXEL_FORMAT,
        /** The declared image size exceeds the reader's limit. */
        TOO_LARGE,
        /** The file is truncated or its content contradicts its own header. */
        CORRUPT
    }

    private final Reason reason;

    public DicomReadException(Path file, Reason reason, String message) {
        super(file, message);
        this.reason = reason;
    }

    public DicomReadException(Path file, Reason reason, String message, Throwable cause) {
        super(file, message, cause);
        this.reason = reason;
    }

    /** Returns why the file was rejected. */
    public Reason reason() {
        return reason;
    }
}
