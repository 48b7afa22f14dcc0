package org.robustlab.core.contribution;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Metadata of one registered contribution and the bundle that provides it.
 *
 * @param kind the contribution kind, for example {@code attack}
 * @param id the stable identifier, unique within its kind
 * @param label a short display name
 * @param description what the contribution does, including known limits
 * @param bundle symbolic name and version of the providing bundle
 */
public record ContributionInfo(String kind, String id, String label, String description, String bundle) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public ContributionInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundle, "bundle");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invalid contribution id '" + id + "' from bundle " + bundle
                    + ": use lower-case letters, digits, dots and dashes, starting with a letter or digit");
        }
        label = label == null || label.isBlank() ? id : label;
        description = description == null ? "" : description;
    }
}
