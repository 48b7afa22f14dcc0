package org.robustlab.core.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.contribution.AbstractContributionRegistry;
import org.robustlab.core.contribution.ContributionRegistry;

/** Tracks every registered {@link AttackGenerator}. */
@Component(service = {AttackGenerators.class, ContributionRegistry.class})
public final class AttackGeneratorRegistry extends AbstractContributionRegistry<AttackGenerator<?>>
        implements AttackGenerators {

    public AttackGeneratorRegistry() {
        super("attack");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = AttackGenerator.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<AttackGenerator<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<AttackGenerator<?>> reference) {
        remove(reference);
    }
}
