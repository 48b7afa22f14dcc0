package org.robustlab.data.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetImporter;

/** The MNIST IDX layout with classes named by number. */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "idx",
        label = "IDX files (MNIST layout)",
        description = "A folder with train/t10k images and labels in the IDX format of MNIST, gzipped or not;"
                + " t10k is the test split.")
public final class IdxImporter extends AbstractIdxImporter {

    @Override
    String id() {
        return "idx";
    }

    @Override
    public IdxParameters defaultParameters() {
        return new IdxParameters(List.of(), 0);
    }
}
