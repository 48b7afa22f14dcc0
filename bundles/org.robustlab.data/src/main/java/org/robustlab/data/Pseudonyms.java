package org.robustlab.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.robustlab.core.io.AtomicFiles;

/**
 * Pseudonymous keys for identifiers that must not be stored: a SOP Instance UID, a Patient ID. A key is the first
 * 128 bits of SHA-256 over a kind prefix and the value, as 32 hex digits, so equal identifiers give equal keys on
 * every machine and keys of different kinds never collide.
 *
 * <p>NOTE: a plain hash hides long random identifiers such as UIDs, but a short Patient ID can be recovered by
 * hashing every candidate; keys are pseudonyms, not anonymisation.
 */
public final class Pseudonyms {

    private Pseudonyms() {}

    /**
     * Returns the key of an identifier.
     *
     * @param kind what the value identifies, for example {@code patient} or {@code sop-instance}
     * @param value the identifier, stripped of DICOM padding by the caller
     */
    public static String key(String kind, String value) {
        MessageDigest digest = AtomicFiles.newDigest();
        digest.update(("robustlab/" + kind + "/").getBytes(StandardCharsets.UTF_8));
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
