package org.robustlab.data.dicom.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.robustlab.data.dicom.ColorPalette;
import org.robustlab.data.dicom.DicomHeader;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.DicomMetadata;
import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.DicomReader;
import org.robustlab.data.dicom.PixelFormat;
import org.robustlab.data.dicom.TransferSyntaxes;
import org.robustlab.data.dicom.internal.StoredValueDecoder.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/**
 * Reads DICOM files with PixelMed: the data set in two passes (the header up to Pixel Data, checked before any
 * pixel buffer is allocated, then everything), compressed frames through PixelMed's Image I/O decoders except
 * RLE, which {@link RleDecoder} decodes because PixelMed's handles only 8-bit colour and 16-bit grey.
 */
@Component(service = DicomReader.class)
public final class PixelMedDicomReader implements DicomReader {

    /** Largest decoded pixel data accepted by default: 1 GiB. */
    public static final long DEFAULT_MAX_DECODED_BYTES = 1L << 30;

    private static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";

    private static final Logger LOG = LoggerFactory.getLogger(PixelMedDicomReader.class);

    static {
        PixelMedLogging.routeToSlf4j();
    }

    private final long maxDecodedBytes;

    /** Creates a reader with the default size limit. */
    public PixelMedDicomReader() {
        this(DEFAULT_MAX_DECODED_BYTES);
    }

    /** Creates a reader that rejects images whose decoded pixel data exceeds {@code maxDecodedBytes}. */
    public PixelMedDicomReader(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
        ImageIoCodecs.register();
    }

    @Override
    public DicomImage read(Path file) {
        DicomFileCheck.requireDicom(file);
        try {
            return decode(file);
        } catch (DicomReadException e) {
            throw e;
        } catch (EOFException e) {
            throw new DicomReadException(file, Reason.CORRUPT, "the file ends before its data set does (truncated)", e);
        } catch (DicomException | IOException e) {
            throw classify(file, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new DicomReadException(file, Reason.CORRUPT, "the data set cannot be parsed: " + e, e);
        } catch (OutOfMemoryError e) {
            // PixelMed allocates a buffer of the declared value length before reading it; a corrupt length fails here.
            throw new DicomReadException(file, Reason.TOO_LARGE, "a declared value length exceeds the memory limit", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // A decoder inside PixelMed may signal a fault of the data with an Error, as JJ2000 does.
            throw new DicomReadException(file, Reason.CORRUPT, "the decoder failed on the pixel data: " + e, e);
        }
    }

    @Override
    public DicomHeader readHeader(Path file) {
        DicomFileCheck.requireDicom(file);
        try {
            Header header = parseHeader(file);
            PixelFormat format = PixelModule.declared(file, header.list(), new ArrayList<>());
            DicomMetadata metadata =
                    MetadataReader.read(file, header.list(), header.transferSyntax(), header.hasMeta());
            return new DicomHeader(metadata, format);
        } catch (DicomReadException e) {
            throw e;
        } catch (DicomException | IOException | RuntimeException e) {
            throw new DicomReadException(file, Reason.CORRUPT, "the header cannot be parsed: " + e.getMessage(), e);
        }
    }

    private DicomImage decode(Path file) throws IOException, DicomException {
        List<String> warnings = new ArrayList<>();
        Header header = parseHeader(file);
        if (!header.hasMeta()) {
            warnings.add("no file meta information; read as " + TransferSyntaxes.name(header.transferSyntax()));
        }
        if (header.implicitDespiteMeta()) {
            warnings.add("the data set is encoded in implicit VR although the meta header names "
                    + TransferSyntaxes.name(header.transferSyntax()) + ", which has explicit VR; read as implicit VR");
        }
        if (header.list().get(TagFromName.PixelData) == null && header.list().get(TagFromName.Rows) == null) {
            throw new DicomReadException(file, Reason.NO_PIXEL_DATA, "the data set has no Pixel Data (7FE0,0010)");
        }
        PixelFormat declared = PixelModule.declared(file, header.list(), warnings);
        checkDecodable(file, header.transferSyntax(), declared);
        checkSize(file, declared);
        AttributeList list = readPixels(file, header, declared, warnings);
        Attribute pixelData = list.get(TagFromName.PixelData);
        if (pixelData == null) {
            throw missingPixels(file, header.transferSyntax());
        }
        PixelFormat format = decodedFormat(list, declared, header.transferSyntax());
        PixelModule.checkPhotometric(file, format);
        int planar = AttributeValues.integer(header.list(), TagFromName.PlanarConfiguration)
                .orElse(0);
        boolean ybr422 = declared.photometricInterpretation().equals("YBR_FULL_422");
        StoredValueDecoder frames =
                frames(file, pixelData, format, new Layouts(planar, ybr422), header.transferSyntax(), warnings);
        LutReader luts = new LutReader(format.signed(), warnings);
        FrameLuts frameLuts = FrameLuts.read(list, format.frames(), luts);
        ColorPalette palette =
                format.photometricInterpretation().equals("PALETTE COLOR") ? PaletteReader.read(file, list) : null;
        DicomMetadata metadata = MetadataReader.read(file, list, header.transferSyntax(), header.hasMeta());
        for (String warning : warnings) {
            LOG.debug("{}: {}", file, warning);
        }
        return new DicomImage(
                metadata, format, frames, frameLuts.modalityLuts(), frameLuts.voiPresets(), palette, warnings);
    }

    /** The data set up to Pixel Data, with its transfer syntax and whether it was read as implicit VR against it. */
    private record Header(AttributeList list, String transferSyntax, boolean hasMeta, boolean implicitDespiteMeta) {}

    private static Header parseHeader(Path file) throws IOException, DicomException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            AttributeList list = new AttributeList();
            DicomInputStream dicom = DataSetStreams.open(in, list, DataSetStreams.isImplicitUnderExplicitMeta(file));
            list.read(dicom, TagFromName.PixelData);
            String syntax = dicom.getTransferSyntaxToReadDataSet().getUID();
            return new Header(list, syntax, dicom.haveMetaHeader(), DataSetStreams.isImplicitDespiteMeta(dicom));
        }
    }

    /**
     * Reads the whole data set and decompresses the pixel data. RLE stays compressed for {@link RleFrames}, JPEG 2000
     * for {@link Jpeg2000Frames}, and RGB JPEG that Image I/O would decode as YCbCr for {@link JpegFrames}.
     */
    private static AttributeList readPixels(Path file, Header header, PixelFormat declared, List<String> warnings)
            throws IOException, DicomException {
        String syntax = header.transferSyntax();
        if (TransferSyntaxes.RLE_LOSSLESS.equals(syntax) || isJpeg2000(syntax)) {
            return readAllDecoding(file, header, warnings, false);
        }
        if (!mayHoldUnmarkedRgbJpeg(syntax, declared)) {
            return readAllDecoding(file, header, warnings, true);
        }
        List<String> compressedWarnings = new ArrayList<>();
        AttributeList list = readAllDecoding(file, header, compressedWarnings, false);
        if (list.get(TagFromName.PixelData) instanceof OtherByteAttributeMultipleCompressedFrames compressed
                && JpegFrames.needUntransformedDecoding(compressed)) {
            warnings.addAll(compressedWarnings);
            warnings.add("the JPEG stream has neither JFIF nor Adobe marker and component identifiers other than"
                    + " 1, 2, 3; decoded without colour transform, as Photometric Interpretation RGB declares");
            return list;
        }
        return readAllDecoding(file, header, warnings, true);
    }

    private static boolean isJpeg2000(String syntax) {
        return syntax.equals("1.2.840.10008.1.2.4.90") || syntax.equals("1.2.840.10008.1.2.4.91");
    }

    private static boolean mayHoldUnmarkedRgbJpeg(String syntax, PixelFormat declared) {
        boolean lossyJpeg = syntax.equals("1.2.840.10008.1.2.4.50") || syntax.equals(JPEG_EXTENDED);
        return lossyJpeg
                && declared.samplesPerPixel() == 3
                && declared.bitsAllocated() == 8
                && declared.photometricInterpretation().equals("RGB");
    }

    private static AttributeList readAll(Path file, boolean implicitVr, boolean decompress, List<String> warnings)
            throws IOException, DicomException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            AttributeList list = new AttributeList();
            list.setDecompressPixelData(decompress);
            PixelDataEnd end = new PixelDataEnd();
            list.read(DataSetStreams.open(in, list, implicitVr), end);
            String warning = end.warning();
            if (warning != null) {
                warnings.add(warning);
            }
            return list;
        }
    }

    /**
     * Reads the whole data set, as implicit VR where the header pass found it so. A decoder that throws on an
     * encapsulated frame is reported with its syntax.
     */
    private static AttributeList readAllDecoding(Path file, Header header, List<String> warnings, boolean decompress)
            throws IOException, DicomException {
        String syntax = header.transferSyntax();
        try {
            return readAll(file, header.implicitDespiteMeta(), decompress, warnings);
        } catch (RuntimeException e) {
            if (!new TransferSyntax(syntax).isEncapsulated()) {
                throw e;
            }
            throw new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_TRANSFER_SYNTAX,
                    "the decoder for " + TransferSyntaxes.name(syntax) + " failed on this file: " + e.getMessage(),
                    e);
        }
    }

    private static void checkDecodable(Path file, String syntax, PixelFormat declared) {
        boolean twelveBitJpeg = syntax.equals(JPEG_EXTENDED) && declared.bitsStored() > 8;
        if (TransferSyntaxes.isUndecodable(syntax) || twelveBitJpeg) {
            throw new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_TRANSFER_SYNTAX,
                    "pixel data in "
                            + TransferSyntaxes.name(syntax)
                            + (twelveBitJpeg ? " with " + declared.bitsStored() + " bits" : "")
                            + " cannot be decoded: no decoder for it is installed; convert the file, for example with"
                            + " 'gdcmconv --raw'");
        }
    }

    private void checkSize(Path file, PixelFormat declared) {
        long bytes = (long) declared.pixelsPerFrame()
                * declared.frames()
                * declared.samplesPerPixel()
                * Math.max(1, declared.bitsAllocated() / 8);
        if (bytes > maxDecodedBytes) {
            throw new DicomReadException(
                    file,
                    Reason.TOO_LARGE,
                    "the decoded pixel data would take " + bytes
                            + " bytes (" + declared.rows() + " x " + declared.columns() + " x " + declared.frames()
                            + " frames), more than the limit of " + maxDecodedBytes + " bytes");
        }
    }

    private static PixelFormat decodedFormat(AttributeList list, PixelFormat declared, String syntax) {
        boolean decompressed =
                new TransferSyntax(syntax).isEncapsulated() && !TransferSyntaxes.RLE_LOSSLESS.equals(syntax);
        String photometric = declared.photometricInterpretation();
        if (isJpeg2000(syntax)) {
            photometric = Jpeg2000Frames.decodedPhotometric(photometric);
        } else if (decompressed) {
            photometric = list.getDecompressedPhotometricInterpretation(photometric);
        } else if (photometric.equals("YBR_FULL_422")) {
            photometric = "YBR_FULL";
        }
        return new PixelFormat(
                declared.rows(),
                declared.columns(),
                declared.frames(),
                declared.samplesPerPixel(),
                photometric,
                declared.bitsAllocated(),
                declared.bitsStored(),
                declared.highBit(),
                declared.signed());
    }

    private static StoredValueDecoder frames(
            Path file, Attribute pixelData, PixelFormat format, Layouts layouts, String syntax, List<String> warnings)
            throws DicomException {
        TransferSyntax transferSyntax = new TransferSyntax(syntax);
        StoredValueDecoder decoder;
        if (pixelData instanceof OtherByteAttributeMultipleCompressedFrames compressed) {
            byte[] decoded;
            if (TransferSyntaxes.RLE_LOSSLESS.equals(syntax)) {
                decoded = RleFrames.decode(file, compressed, format);
            } else if (isJpeg2000(syntax)) {
                decoded = Jpeg2000Frames.decode(file, compressed, format, warnings);
            } else {
                decoded = JpegFrames.decodeUntransformed(file, compressed, format);
            }
            decoder = new StoredValueDecoder(format, decoded, null, false, Layout.INTERLEAVED);
        } else {
            Layout layout = layouts.layout(format, transferSyntax.isEncapsulated());
            short[] words = words(pixelData);
            byte[] bytes = words == null ? pixelData.getByteValues() : null;
            decoder = new StoredValueDecoder(format, bytes, words, transferSyntax.isBigEndian(), layout);
            long required = StoredValueDecoder.requiredBytes(format, layout);
            if (decoder.availableBytes() < required) {
                throw new DicomReadException(
                        file,
                        Reason.CORRUPT,
                        "Pixel Data holds " + decoder.availableBytes() + " bytes but the image pixel module needs "
                                + required);
            }
        }
        return decoder;
    }

    /** The two header values that decide the sample layout of uncompressed pixel data. */
    private record Layouts(int planarConfiguration, boolean ybr422) {

        Layout layout(PixelFormat format, boolean encapsulated) {
            if (encapsulated) {
                // Decoders return pixel-interleaved samples whatever Planar Configuration declares.
                return Layout.INTERLEAVED;
            }
            if (ybr422) {
                return Layout.YBR_422;
            }
            return format.samplesPerPixel() > 1 && planarConfiguration == 1 ? Layout.BY_PLANE : Layout.INTERLEAVED;
        }
    }

    private static short[] words(Attribute pixelData) {
        try {
            return pixelData.getShortValues();
        } catch (DicomException e) {
            return null;
        }
    }

    private static DicomReadException missingPixels(Path file, String syntax) {
        if (new TransferSyntax(syntax).isEncapsulated()) {
            return new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_TRANSFER_SYNTAX,
                    "the decoder for " + TransferSyntaxes.name(syntax)
                            + " returned no image; this variant of the syntax is not supported");
        }
        return new DicomReadException(
                file,
                Reason.CORRUPT,
                "Pixel Data (7FE0,0010) is missing or truncated although" + " the header describes an image");
    }

    private static DicomReadException classify(Path file, Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No reader") || message.contains("not supported")) {
            return new DicomReadException(
                    file, Reason.UNSUPPORTED_TRANSFER_SYNTAX, "pixel data cannot be decoded: " + message, e);
        }
        return new DicomReadException(file, Reason.CORRUPT, "the data set cannot be parsed: " + message, e);
    }
}
