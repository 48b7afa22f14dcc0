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
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.ModelArchitectures;

/** Tracks every registered {@link ModelArchitecture}. */
@Component(service = {ModelArchitectures.class, ContributionRegistry.class})
public final class ModelArchitectureRegistry extends AbstractContributionRegistry<ModelArchitecture<?>>
        implements ModelArchitectures {

    public ModelArchitectureRegistry() {
        super("architecture");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = ModelArchitecture.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<ModelArchitecture<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<ModelArchitecture<?>> reference) {
        remove(reference);
    }
}
