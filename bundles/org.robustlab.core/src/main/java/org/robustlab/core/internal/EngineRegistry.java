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
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Engines;

/** Tracks every registered {@link Engine}. */
@Component(service = {Engines.class, ContributionRegistry.class})
public final class EngineRegistry extends AbstractContributionRegistry<Engine> implements Engines {

    public EngineRegistry() {
        super("engine");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = Engine.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<Engine> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<Engine> reference) {
        remove(reference);
    }
}
