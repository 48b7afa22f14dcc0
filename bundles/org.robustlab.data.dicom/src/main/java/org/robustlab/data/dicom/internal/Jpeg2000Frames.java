package org.robustlab.data.dicom.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.stream.ImageInputStreamImpl;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.PixelFormat;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;

/**
 * Decodes JPEG 2000 frames with the JAI decoder (JJ2000) and works around three of its faults. After 0xFF followed by
 * a value above 0x8F its packet-header reader returns bits of 1 for ever, so {@link #checkTileData} rejects such tile
 * data first. At the end of the stream JAI's adapter returns -1, which the reader would also take for bits of 1 (read
 * from its bytecode, not observed), so the stream here raises {@link EOFException} instead. It also reads a tile only
 * up to the number of tile-parts that its SOT markers declare (TNsot), so {@link #withCountedTileParts} sets that
 * number to the count found in the codestream.
 */
final class Jpeg2000Frames {

    private static final int SOT = 0xFF90;

    private static final int SOD = 0xFF93;

    /** Offset of TNsot from the start of an SOT marker segment: marker, Lsot, Isot, Psot, TPsot, then TNsot. */
    private static final int TNSOT_OFFSET = 11;

    private Jpeg2000Frames() {}

    /** Returns the Photometric Interpretation of the decoded samples: JJ2000 undoes the RCT and ICT itself. */
    static String decodedPhotometric(String declared) {
        return declared.equals("YBR_RCT") || declared.equals("YBR_ICT") ? "RGB" : declared;
    }

    /** Returns the little-endian, pixel-interleaved samples of every frame and adds a warning for each correction. */
    static byte[] decode(
            Path file,
            OtherByteAttributeMultipleCompressedFrames pixelData,
            PixelFormat format,
            List<String> warnings) {
        byte[][] frames =
                EncapsulatedFrames.of(file, pixelData, format, "JPEG 2000").clone();
        if (format.bitsAllocated() != 8 && format.bitsAllocated() != 16) {
            throw new DicomReadException(
                    file,
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "JPEG 2000 needs Bits Allocated of 8 or 16, got " + format.bitsAllocated());
        }
        for (int frame = 0; frame < frames.length; frame++) {
            checkTileData(file, frame, frames[frame]);
            frames[frame] = withCountedTileParts(frame, frames[frame], warnings);
        }
        return EncapsulatedFrames.decodeRasters(
                file, frames, format, "JPEG 2000", ImageIoCodecs::jpeg2000Reader, StrictByteStream::new);
    }

    /**
     * Rejects a codestream whose tile data contain 0xFF followed by a value above 0x8F other than the SOP and EPH
     * markers. JPEG 2000 reserves 0xFF90 to 0xFFFF for markers and stuffs a bit after every 0xFF in tile data. A
     * tile-part whose length (Psot) is 0 ends with the EOC marker 0xFFD9, followed at most by zero padding, and a
     * tile-part whose length runs past the end of the codestream is rejected too.
     */
    static void checkTileData(Path file, int frame, byte[] stream) {
        for (TilePart part : TilePart.list(stream)) {
            if (part.truncated()) {
                throw new DicomReadException(
                        file,
                        Reason.CORRUPT,
                        String.format(
                                "JPEG 2000 frame %d has a tile-part at codestream offset %d whose length (Psot) runs"
                                        + " past the end of the %d-byte codestream",
                                frame, part.start(), stream.length));
            }
            for (int i = part.dataStart(); i + 1 < part.end(); i++) {
                int next = stream[i + 1] & 0xFF;
                if ((stream[i] & 0xFF) != 0xFF || next <= 0x8F || next == 0x91 || next == 0x92) {
                    continue;
                }
                if (next == 0xD9 && part.untilEnd() && isZeroFrom(stream, i + 2)) {
                    break;
                }
                throw new DicomReadException(
                        file,
                        Reason.CORRUPT,
                        String.format(
                                "JPEG 2000 frame %d has the bytes FF %02X at codestream offset %d, inside tile data"
                                        + " where bit stuffing allows no value above 8F after FF",
                                frame, next, i));
            }
        }
    }

    private static boolean isZeroFrom(byte[] stream, int start) {
        for (int i = start; i < stream.length; i++) {
            if (stream[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the codestream with the TNsot of every SOT marker set to the number of tile-parts of its tile, or the
     * stream itself where they agree. TNsot may be 0 for "not given", and some encoders write one less than the
     * number of tile-parts, which OpenJPEG corrects too. JJ2000 misreads both, and in a codestream with one tile-part
     * per resolution it leaves out the finest resolution.
     */
    static byte[] withCountedTileParts(int frame, byte[] stream, List<String> warnings) {
        List<TilePart> parts = TilePart.list(stream);
        Map<Integer, Integer> counts = new TreeMap<>();
        for (TilePart part : parts) {
            counts.merge(part.tile(), 1, Integer::sum);
        }
        byte[] counted = stream;
        Map<Integer, Integer> declared = new TreeMap<>();
        for (TilePart part : parts) {
            int count = counts.get(part.tile());
            if (part.declaredParts() != count && count <= 0xFF) {
                if (counted == stream) {
                    counted = stream.clone();
                }
                counted[part.start() + TNSOT_OFFSET] = (byte) count;
                declared.putIfAbsent(part.tile(), part.declaredParts());
            }
        }
        if (!declared.isEmpty()) {
            int tile = declared.keySet().iterator().next();
            warnings.add(String.format(
                    "JPEG 2000 frame %d: for %d of %d tiles the number of tile-parts that SOT declares (TNsot) differs"
                            + " from the number found in the codestream (tile %d: %d declared, %d found); decoded with"
                            + " the numbers found",
                    frame, declared.size(), counts.size(), tile, declared.get(tile), counts.get(tile)));
        }
        return counted;
    }

    /**
     * One tile-part of a codestream: where its SOT marker starts, its tile index (Isot), the number of tile-parts
     * its SOT declares for the tile (TNsot) and the range of its tile data after SOD. A tile-part whose length (Psot)
     * is 0 is the last one and runs up to the EOC marker. One whose length runs past the stream is truncated.
     */
    record TilePart(
            int start, int tile, int declaredParts, int dataStart, int end, boolean untilEnd, boolean truncated) {

        /** Returns the tile-parts of the codestream in stream order, up to the first that does not start with SOT. */
        static List<TilePart> list(byte[] stream) {
            List<TilePart> parts = new ArrayList<>();
            int position = indexOfCodestream(stream);
            if (position < 0) {
                return parts; // no SOC and SIZ: the decoder reports what it finds
            }
            position += 2;
            while (position + 4 <= stream.length && u16(stream, position) != SOT) {
                position += 2 + u16(stream, position + 2); // main header marker segments
            }
            while (position + 12 <= stream.length && u16(stream, position) == SOT) {
                long partLength = u32(stream, position + 6);
                int end = partLength == 0 ? stream.length : (int) Math.min(stream.length, position + partLength);
                int data = position + 2 + u16(stream, position + 2);
                while (data + 4 <= end && u16(stream, data) != SOD) {
                    data += 2 + u16(stream, data + 2); // tile-part header marker segments
                }
                int tile = u16(stream, position + 4);
                int declaredParts = stream[position + TNSOT_OFFSET] & 0xFF;
                boolean truncated = position + partLength > stream.length;
                parts.add(new TilePart(position, tile, declaredParts, data + 2, end, partLength == 0, truncated));
                if (partLength == 0 || end <= position) {
                    break;
                }
                position = end;
            }
            return parts;
        }
    }

    private static int indexOfCodestream(byte[] stream) {
        for (int i = 0; i + 4 <= stream.length; i++) {
            if (u16(stream, i) == 0xFF4F && u16(stream, i + 2) == 0xFF51) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static long u32(byte[] bytes, int at) {
        return ((long) u16(bytes, at) << 16) | u16(bytes, at + 2);
    }

    /** An image input stream over bytes whose single-byte read raises {@link EOFException} at the end. */
    static final class StrictByteStream extends ImageInputStreamImpl {

        private final byte[] bytes;

        StrictByteStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            checkClosed();
            bitOffset = 0;
            if (streamPos >= bytes.length) {
                throw new EOFException("read past the end of the " + bytes.length + "-byte codestream");
            }
            return bytes[(int) streamPos++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkClosed();
            bitOffset = 0;
            if (streamPos >= bytes.length) {
                return -1;
            }
            int count = (int) Math.min(length, bytes.length - streamPos);
            System.arraycopy(bytes, (int) streamPos, buffer, offset, count);
            streamPos += count;
            return count;
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }
}
