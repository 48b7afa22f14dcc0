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
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyMethods;

/** Tracks every registered {@link SaliencyMethod}. */
@Component(service = {SaliencyMethods.class, ContributionRegistry.class})
public final class SaliencyMethodRegistry extends AbstractContributionRegistry<SaliencyMethod<?>>
        implements SaliencyMethods {

    public SaliencyMethodRegistry() {
        super("saliency method");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = SaliencyMethod.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<SaliencyMethod<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<SaliencyMethod<?>> reference) {
        remove(reference);
    }
}
