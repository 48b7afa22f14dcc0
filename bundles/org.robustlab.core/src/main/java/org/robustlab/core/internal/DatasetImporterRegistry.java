package org.robustlab.core.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.robustlab.core.contribution.AbstractContributionRegistry;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetImporters;

/** Tracks every registered {@link DatasetImporter}. */
@Component(service = {DatasetImporters.class, ContributionRegistry.class})
public final class DatasetImporterRegistry extends AbstractContributionRegistry<DatasetImporter<?>>
        implements DatasetImporters {

    public DatasetImporterRegistry() {
        super("dataset importer");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = DatasetImporter.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<DatasetImporter<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<DatasetImporter<?>> reference) {
        remove(reference);
    }
}
