package org.robustlab.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.robustlab.core.contribution.AbstractContributionRegistry;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.ui.evaluation.EvaluationView;
import org.robustlab.ui.evaluation.EvaluationViews;

/** Tracks every registered {@link EvaluationView}. */
@Component(service = {EvaluationViews.class, ContributionRegistry.class})
public final class EvaluationViewRegistry extends AbstractContributionRegistry<EvaluationView>
        implements EvaluationViews {

    public EvaluationViewRegistry() {
        super("evaluation view");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = EvaluationView.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<EvaluationView> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<EvaluationView> reference) {
        remove(reference);
    }
}
