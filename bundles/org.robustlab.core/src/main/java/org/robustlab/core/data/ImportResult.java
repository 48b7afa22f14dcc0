package org.robustlab.core.data;

import java.util.List;

/**
 * A dataset and what the import skipped.
 *
 * @param dataset the imported dataset
 * @param skipped files that were skipped, each with the reason
 * @param fromCache whether the tensors came from the cache without decoding
 */
public record ImportResult(Dataset dataset, List<SkippedFile> skipped, boolean fromCache) {

    public ImportResult {
        skipped = List.copyOf(skipped);
    }

    /**
     * A file an import left out.
     *
     * @param file path of the file relative to the import source
     * @param reason why it was skipped
     */
    public record SkippedFile(String file, String reason) {}
}
