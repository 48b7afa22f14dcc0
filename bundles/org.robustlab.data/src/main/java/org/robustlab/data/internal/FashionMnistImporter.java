package org.robustlab.data.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetImporter;

/** Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017) in its IDX files, with its ten class names. */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "fashion-mnist",
        label = "Fashion-MNIST",
        description = "Fashion-MNIST IDX files (Debian dataset-fashion-mnist): 28 x 28 grey clothing images in ten"
                + " classes. A real labelled set, but not a medical one.")
public final class FashionMnistImporter extends AbstractIdxImporter {

    /** The class names in label order, from the Fashion-MNIST README. */
    static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Override
    String id() {
        return "fashion-mnist";
    }

    @Override
    public IdxParameters defaultParameters() {
        return new IdxParameters(CLASS_NAMES, 0);
    }
}
