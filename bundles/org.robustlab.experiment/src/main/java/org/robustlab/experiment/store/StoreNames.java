package org.robustlab.experiment.store;

import java.util.regex.Pattern;

/** The key rules of MLflow's file store, which stores each metric, parameter and tag as a file named by its key. */
final class StoreNames {

    /** Characters MLflow accepts in metric, parameter and tag keys; a slash makes a subfolder. */
    private static final Pattern KEY = Pattern.compile("[/\\w.\\- ]{1,250}");

    /** MLflow's run ids: 32 lower-case hexadecimal digits, a UUID without dashes. */
    static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

    private StoreNames() {}

    /** Rejects a key MLflow would reject or that would escape its folder. */
    static String checkKey(String kind, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid " + kind + " key '" + key + "': use up to 250 letters,"
                    + " digits, underscores, dashes, dots, spaces and slashes");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException(
                        "Invalid " + kind + " key '" + key + "': no empty, '.' or '..'" + " segments between slashes");
            }
        }
        return key;
    }

    /** Replaces every character MLflow rejects in a key with an underscore. */
    static String sanitize(String key) {
        String cleaned = key.replaceAll("[^/\\w.\\- ]", "_");
        return cleaned.length() > 250 ? cleaned.substring(0, 250) : cleaned;
    }
}
