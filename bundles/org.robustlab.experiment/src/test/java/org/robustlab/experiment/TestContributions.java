package org.robustlab.experiment;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.EvaluationMetrics;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;
import org.robustlab.core.training.TrainingModes;

/**
 * Contributions of every kind registered as real OSGi services, with parameter records shaped like the product's,
 * for validating experiment files. They only describe parameters: running one throws.
 */
public final class TestContributions implements AutoCloseable {

    public record ImporterParameters(
            @Parameter(description = "images", min = 1, max = 1000)
            int count) {}

    public record NetParameters(
            @Parameter(description = "width", min = 1, max = 64)
            int width,

            List<Integer> widths) {}

    public record AttackParameters(
            @Parameter(description = "budget", min = 0, max = 1)
            double epsilon,

            @Parameter(description = "step", min = 0, max = 1)
            double stepSize,

            @Parameter(description = "steps", min = 1, max = 100)
            int steps) {}

    public record AttackChoice(String id, AttackParameters parameters) {}

    public record AdversarialParameters(AttackChoice attack, boolean dual) {}

    public record NoParameters() {}

    public record MetricParameters(
            @Parameter(description = "resamples", min = 100, max = 100000)
            int bootstrap) {}

    private final BundleContext context =
            FrameworkUtil.getBundle(TestContributions.class).getBundleContext();

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    TestContributions() {
        register(DatasetImporter.class, "test-images", new Importer());
        register(Engine.class, "test-engine", new TestEngine());
        register(ModelArchitecture.class, "test-net", new Architecture());
        register(TrainingMode.class, "standard", new Mode<>(new NoParameters(), Normalization.SINGLE));
        register(TrainingMode.class, "pgd", new Mode<>(adversarial(false), Normalization.SINGLE));
        register(TrainingMode.class, "dual-bn", new Mode<>(adversarial(true), Normalization.DUAL));
        register(AttackGenerator.class, "test-pgd", new Attack());
        register(SaliencyMethod.class, "test-gradient", new Saliency());
        register(EvaluationMetric.class, "test-auroc", new Metric());
    }

    private static AdversarialParameters adversarial(boolean dual) {
        return new AdversarialParameters(new AttackChoice("test-pgd", new AttackParameters(0.005, 0.0025, 10)), dual);
    }

    /** Returns the catalog once every test contribution is visible in its registry. */
    ContributionCatalog catalog() throws InterruptedException {
        ContributionCatalog catalog = new ContributionCatalog(
                track(DatasetImporters.class),
                track(Engines.class),
                track(ModelArchitectures.class),
                track(TrainingModes.class),
                track(AttackGenerators.class),
                track(SaliencyMethods.class),
                track(EvaluationMetrics.class));
        awaitIds(catalog.importers(), "test-images");
        awaitIds(catalog.engines(), "test-engine");
        awaitIds(catalog.architectures(), "test-net");
        awaitIds(catalog.modes(), "standard", "pgd", "dual-bn");
        awaitIds(catalog.attacks(), "test-pgd");
        awaitIds(catalog.saliency(), "test-gradient");
        awaitIds(catalog.metrics(), "test-auroc");
        return catalog;
    }

    private <T> T track(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        if (service == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + " registry service within 20 s");
        }
        return service;
    }

    private static void awaitIds(ContributionRegistry<?> registry, String... ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Set.copyOf(registry.list().stream().map(info -> info.id()).toList())
                .containsAll(List.of(ids))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Registry " + registry.kind() + " lacks " + List.of(ids));
            }
            Thread.sleep(20);
        }
    }

    private <T> void register(Class<T> type, String id, Object service) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ContributionMetadata.PREFIX_ + "id", id);
        properties.put(ContributionMetadata.PREFIX_ + "label", id);
        properties.put(ContributionMetadata.PREFIX_ + "description", "test contribution " + id);
        registrations.add(context.registerService(type.getName(), service, properties));
    }

    @Override
    public void close() {
        registrations.forEach(ServiceRegistration::unregister);
        trackers.forEach(ServiceTracker::close);
    }

    private static UnsupportedOperationException describesOnly() {
        return new UnsupportedOperationException("test contributions only describe their parameters");
    }

    static final class Importer implements DatasetImporter<ImporterParameters> {
        @Override
        public Class<ImporterParameters> parameterType() {
            return ImporterParameters.class;
        }

        @Override
        public ImporterParameters defaultParameters() {
            return new ImporterParameters(10);
        }

        @Override
        public ImportResult importDataset(ImportRequest request, ImporterParameters parameters) {
            throw describesOnly();
        }
    }

    static final class TestEngine implements Engine {
        @Override
        public EngineInfo info() {
            return new EngineInfo("test", "0", "none", 1);
        }

        @Override
        public Model create(NetworkSpec spec, Map<String, INDArray> parameters) {
            throw describesOnly();
        }
    }

    static final class Architecture implements ModelArchitecture<NetParameters> {
        @Override
        public Class<NetParameters> parameterType() {
            return NetParameters.class;
        }

        @Override
        public NetParameters defaultParameters() {
            return new NetParameters(8, List.of(8, 16));
        }

        @Override
        public NetworkSpec build(NetworkShape shape, NetParameters parameters) {
            throw describesOnly();
        }
    }

    static final class Mode<P extends Record> implements TrainingMode<P> {
        private final P defaults;
        private final Normalization normalization;

        Mode(P defaults, Normalization normalization) {
            this.defaults = defaults;
            this.normalization = normalization;
        }

        @SuppressWarnings("unchecked")
        @Override
        public Class<P> parameterType() {
            return (Class<P>) defaults.getClass();
        }

        @Override
        public P defaultParameters() {
            return defaults;
        }

        @Override
        public Normalization normalization(P parameters) {
            return normalization;
        }

        @Override
        public TrainingBatch prepare(Model model, Batch batch, P parameters, TrainingModeContext context) {
            throw describesOnly();
        }
    }

    static final class Attack implements AttackGenerator<AttackParameters> {
        @Override
        public Class<AttackParameters> parameterType() {
            return AttackParameters.class;
        }

        @Override
        public AttackParameters defaultParameters() {
            return new AttackParameters(0.005, 0.0025, 10);
        }

        @Override
        public ThreatModel threatModel(AttackParameters parameters) {
            return new ThreatModel(Norm.L_INFINITY, parameters.epsilon(), "white-box");
        }

        @Override
        public AttackResult generate(
                Model model, INDArray input, AttackGoal goal, AttackParameters parameters, AttackContext context) {
            throw describesOnly();
        }
    }

    static final class Saliency implements SaliencyMethod<NoParameters> {
        @Override
        public Class<NoParameters> parameterType() {
            return NoParameters.class;
        }

        @Override
        public NoParameters defaultParameters() {
            return new NoParameters();
        }

        @Override
        public SaliencyResult explain(
                Model model, INDArray input, SaliencyTarget target, NoParameters parameters, SaliencyContext context) {
            throw describesOnly();
        }
    }

    static final class Metric implements EvaluationMetric<MetricParameters> {
        @Override
        public Class<MetricParameters> parameterType() {
            return MetricParameters.class;
        }

        @Override
        public MetricParameters defaultParameters() {
            return new MetricParameters(1000);
        }

        @Override
        public Set<EvaluationInput.Requirement> requirements() {
            return Set.of(EvaluationInput.Requirement.PREDICTIONS);
        }

        @Override
        public MetricResult evaluate(EvaluationInput input, MetricParameters parameters, IProgressMonitor monitor) {
            throw describesOnly();
        }
    }
}
