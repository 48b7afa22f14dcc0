package org.robustlab.integration.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.contribution.ContributionRegistry;

/** How contributions, their bundles and the registries behave together in a real Equinox runtime. */
class ContributionWiringTest {

    private static final Set<String> KINDS = Set.of(
            "architecture",
            "attack",
            "dataset importer",
            "engine",
            "evaluation view",
            "metric",
            "saliency method",
            "training mode");

    private static final String ID_PROPERTY = ContributionMetadata.PREFIX_ + "id";

    private BundleContext context;

    private ServiceTracker<ContributionRegistry<?>, ContributionRegistry<?>> registries;

    @BeforeEach
    void openRegistries() throws InterruptedException {
        context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<ContributionRegistry<?>> type = (Class) ContributionRegistry.class;
        registries = new ServiceTracker<>(context, type, null);
        registries.open();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (registries.size() < KINDS.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void everyContributionKindHasOneRegistry() {
        List<String> kinds = new ArrayList<>();
        for (ContributionRegistry<?> registry : registryServices()) {
            kinds.add(registry.kind());
        }

        assertThat(kinds).containsExactlyInAnyOrderElementsOf(KINDS);
    }

    @Test
    void builtInContributionIdsAreUniquePerKind() throws InvalidSyntaxException {
        Map<String, List<String>> providers = new TreeMap<>();
        for (ServiceReference<?> reference : contributionReferences()) {
            String key = String.join(",", (String[]) reference.getProperty(Constants.OBJECTCLASS)) + " "
                    + reference.getProperty(ID_PROPERTY);
            providers
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(reference.getBundle().getSymbolicName());
        }

        assertThat(providers).isNotEmpty();
        assertThat(providers)
                .allSatisfy((key, bundles) -> assertThat(bundles).as(key).hasSize(1));
        assertThat(providers.values())
                .allSatisfy(bundles -> assertThat(bundles.get(0)).startsWith("org.robustlab."));
    }

    @Test
    void everyRegisteredContributionIsListedByItsRegistry() throws InvalidSyntaxException {
        Set<String> listed = listedContributions(null);

        for (ServiceReference<?> reference : contributionReferences()) {
            String key = reference.getBundle().getSymbolicName() + " " + reference.getProperty(ID_PROPERTY);
            assertThat(listed).as("registries list " + key).contains(key);
        }
    }

    @Test
    void bundleStopRemovesAndStartRestores() throws InvalidSyntaxException, BundleException {
        Bundle bundle = firstContributionBundle();
        Set<String> before = listedContributions(bundle.getSymbolicName());
        assertThat(before).isNotEmpty();

        bundle.stop();
        Set<String> whileStopped = listedContributions(bundle.getSymbolicName());
        bundle.start(Bundle.START_ACTIVATION_POLICY);
        Set<String> after = listedContributions(bundle.getSymbolicName());

        assertThat(whileStopped).isEmpty();
        assertThat(after).isEqualTo(before);
    }

    private Bundle firstContributionBundle() throws InvalidSyntaxException {
        Map<String, Bundle> bundles = new TreeMap<>();
        for (ServiceReference<?> reference : contributionReferences()) {
            Bundle bundle = reference.getBundle();
            bundles.put(bundle.getSymbolicName(), bundle);
        }
        if (bundles.isEmpty()) {
            fail("No bundle with contributions is installed in the test runtime");
        }
        return bundles.values().iterator().next();
    }

    private Set<String> listedContributions(String bundleName) {
        Set<String> listed = new TreeSet<>();
        for (ContributionRegistry<?> registry : registryServices()) {
            for (ContributionInfo info : registry.list()) {
                String symbolicName = info.bundle().split(" ")[0];
                if (bundleName == null || bundleName.equals(symbolicName)) {
                    listed.add(symbolicName + " " + info.id());
                }
            }
        }
        return listed;
    }

    private List<ContributionRegistry<?>> registryServices() {
        List<ContributionRegistry<?>> services = new ArrayList<>();
        Object[] found = registries.getServices();
        if (found != null) {
            for (Object service : found) {
                services.add((ContributionRegistry<?>) service);
            }
        }
        return services;
    }

    private List<ServiceReference<?>> contributionReferences() throws InvalidSyntaxException {
        ServiceReference<?>[] references = context.getAllServiceReferences(null, "(" + ID_PROPERTY + "=*)");
        List<ServiceReference<?>> list = new ArrayList<>();
        if (references != null) {
            list.addAll(List.of(references));
        }
        Map<Long, ServiceReference<?>> byId = new HashMap<>();
        list.forEach(reference -> byId.put((Long) reference.getProperty(Constants.SERVICE_ID), reference));
        return new ArrayList<>(byId.values());
    }
}
