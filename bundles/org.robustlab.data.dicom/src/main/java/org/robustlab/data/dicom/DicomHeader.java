package org.robustlab.data.dicom;

/**
 * The header of a DICOM file, read without decoding its pixel data.
 *
 * @param metadata the de-identified metadata
 * @param format the pixel format the header declares
 */
public record DicomHeader(DicomMetadata metadata, PixelFormat format) {}
