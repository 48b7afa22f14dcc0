package org.robustlab.data.dicom;

import java.util.Map;
import java.util.Set;

/** Names of the DICOM transfer syntaxes (PS3.6 Annex A) and which of them this reader decodes. */
public final class TransferSyntaxes {

    /** Implicit VR Little Endian, the default of PS3.5 and of files without file meta information. */
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    /** RLE Lossless (PS3.5 Annex G). */
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(IMPLICIT_VR_LITTLE_ENDIAN, "Implicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            Map.entry("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless"),
            Map.entry(RLE_LOSSLESS, "RLE Lossless"));

    /** Encapsulated syntaxes whose pixel data the installed decoders cannot decode at all. */
    private static final Set<String> UNDECODABLE = Set.of(
            "1.2.840.10008.1.2.4.80",
            "1.2.840.10008.1.2.4.81",
            "1.2.840.10008.1.2.4.100",
            "1.2.840.10008.1.2.4.101",
            "1.2.840.10008.1.2.4.102",
            "1.2.840.10008.1.2.4.201");

    private static final Set<String> LOSSY = Set.of(
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91");

    private TransferSyntaxes() {}

    /** Returns the name of a transfer syntax, or {@code unknown transfer syntax <uid>}. */
    public static String name(String uid) {
        String name = NAMES.get(uid);
        return name == null ? "unknown transfer syntax " + uid : name + " (" + uid + ")";
    }

    /**
     * Returns whether no installed decoder handles pixel data in this syntax (JPEG-LS, MPEG, HTJ2K). JPEG Extended
     * is decided per file: 8-bit Process 2 decodes, 12-bit Process 4 does not.
     */
    public static boolean isUndecodable(String uid) {
        return UNDECODABLE.contains(uid);
    }

    /** Returns whether the syntax is lossy. */
    public static boolean isLossy(String uid) {
        return LOSSY.contains(uid);
    }
}
