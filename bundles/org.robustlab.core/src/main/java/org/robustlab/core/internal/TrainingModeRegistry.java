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
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModes;

/** Tracks every registered {@link TrainingMode}. */
@Component(service = {TrainingModes.class, ContributionRegistry.class})
public final class TrainingModeRegistry extends AbstractContributionRegistry<TrainingMode<?>> implements TrainingModes {

    public TrainingModeRegistry() {
        super("training mode");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = TrainingMode.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<TrainingMode<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<TrainingMode<?>> reference) {
        remove(reference);
    }
}
