package org.robustlab.data.internal;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the folder-per-class importer.
 *
 * @param groupPattern a regular expression whose first group, found in a file name, is the patient (group) of the
 *     image, for example {@code ^(patient\d+)_}; empty makes every image its own group
 */
public record ImageFolderParameters(
        @Parameter(
                description = "Regular expression whose first group in the file name is the patient; empty for"
                        + " one group per image")
        String groupPattern) {

    public ImageFolderParameters {
        groupPattern = groupPattern == null ? "" : groupPattern;
        if (!groupPattern.isEmpty()) {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(groupPattern);
            if (pattern.matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("groupPattern '" + groupPattern + "' needs a capturing group");
            }
        }
    }
}
