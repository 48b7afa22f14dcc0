package org.robustlab.data.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes and reads the bytes of explicit VR little endian element headers, for files PixelMed would not write. */
final class RawDicom {

    /** Offset of (0002,0000) File Meta Information Group Length: after the 128-byte preamble and "DICM". */
    static final int GROUP_LENGTH_ELEMENT = 132;

    private RawDicom() {}

    /**
     * Writes the preamble, "DICM" and a meta header of two elements: the group length, plus {@code error}, and the
     * Transfer Syntax UID.
     */
    static ByteBuffer putMetaHeader(ByteBuffer file, String transferSyntax, int error) {
        byte[] syntax = (transferSyntax + "\0").getBytes(StandardCharsets.US_ASCII);
        file.put(new byte[128]).put("DICM".getBytes(StandardCharsets.US_ASCII));
        putElementHeader(file, 0x0002, 0x0000, "UL", 4).putInt(8 + syntax.length + error);
        return putElementHeader(file, 0x0002, 0x0010, "UI", syntax.length).put(syntax);
    }

    /** Writes the header of an element with a 2-byte length field: tag, VR and value length. */
    static ByteBuffer putElementHeader(ByteBuffer file, int group, int element, String vr, int length) {
        return file.putShort((short) group)
                .putShort((short) element)
                .put(vr.getBytes(StandardCharsets.US_ASCII))
                .putShort((short) length);
    }

    /** Returns the offset of the data set: after the meta header, as long as its group length declares. */
    static int dataSetStart(byte[] file) {
        int groupLength = ByteBuffer.wrap(file, GROUP_LENGTH_ELEMENT + 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        return GROUP_LENGTH_ELEMENT + 12 + groupLength;
    }
}
