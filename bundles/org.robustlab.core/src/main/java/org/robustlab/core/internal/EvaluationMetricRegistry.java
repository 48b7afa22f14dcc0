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
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.EvaluationMetrics;

/** Tracks every registered {@link EvaluationMetric}. */
@Component(service = {EvaluationMetrics.class, ContributionRegistry.class})
public final class EvaluationMetricRegistry extends AbstractContributionRegistry<EvaluationMetric<?>>
        implements EvaluationMetrics {

    public EvaluationMetricRegistry() {
        super("metric");
    }

    @Activate
    void activate(BundleContext context) {
        open(context);
    }

    @Reference(
            service = EvaluationMetric.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeContribution")
    void addContribution(ServiceReference<EvaluationMetric<?>> reference) {
        add(reference);
    }

    void removeContribution(ServiceReference<EvaluationMetric<?>> reference) {
        remove(reference);
    }
}
