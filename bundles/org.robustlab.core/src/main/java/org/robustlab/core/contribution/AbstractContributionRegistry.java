package org.robustlab.core.contribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry of the contributions of one kind, fed by a Declarative Services reference with multiple cardinality
 * and dynamic policy.
 *
 * <p>Subclasses are {@code @Component}s that forward their bind and unbind methods to {@link #add} and
 * {@link #remove}, and pass their {@link BundleContext} to {@link #open} on activation. Services are fetched
 * lazily, so listing contributions never activates them.
 *
 * @param <T> the contribution interface
 */
public abstract class AbstractContributionRegistry<T> implements ContributionRegistry<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractContributionRegistry.class);

    private final String kind;

    /** Registered services per id; the first of each list is the one in use, later ones are duplicates. */
    private final Map<String, List<Entry<T>>> entries = new TreeMap<>();

    private BundleContext context;

    protected AbstractContributionRegistry(String kind) {
        this.kind = kind;
    }

    private record Entry<T>(ContributionInfo info, ServiceReference<T> reference) {}

    @Override
    public String kind() {
        return kind;
    }

    /** Sets the bundle context used to fetch the services; call it from the component's activate method. */
    protected synchronized void open(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** Adds a contribution; call it from the component's bind method. */
    protected synchronized void add(ServiceReference<T> reference) {
        ContributionInfo info;
        try {
            info = infoOf(reference);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignored a {} without valid metadata: {}", kind, e.getMessage());
            return;
        }
        List<Entry<T>> registered = entries.computeIfAbsent(info.id(), id -> new ArrayList<>());
        if (!registered.isEmpty()) {
            LOG.warn(
                    "Duplicate {} id '{}': bundle {} registers it again; keeping the one from bundle {}",
                    kind,
                    info.id(),
                    info.bundle(),
                    registered.get(0).info().bundle());
        }
        registered.add(new Entry<>(info, reference));
        LOG.debug("Registered {} '{}' from bundle {}", kind, info.id(), info.bundle());
    }

    /** Removes a contribution; call it from the component's unbind method. */
    protected synchronized void remove(ServiceReference<T> reference) {
        entries.values()
                .forEach(registered ->
                        registered.removeIf(entry -> entry.reference().equals(reference)));
        entries.values().removeIf(List::isEmpty);
    }

    @Override
    public synchronized List<ContributionInfo> list() {
        List<ContributionInfo> infos = new ArrayList<>();
        entries.values().forEach(registered -> infos.add(registered.get(0).info()));
        return infos;
    }

    @Override
    public synchronized Optional<ContributionInfo> info(String id) {
        return Optional.ofNullable(current(id)).map(Entry::info);
    }

    @Override
    public T get(String id) {
        Entry<T> entry;
        BundleContext bundleContext;
        synchronized (this) {
            entry = current(id);
            bundleContext = context;
        }
        if (entry == null) {
            throw new UnknownContributionException(
                    kind, id, list().stream().map(ContributionInfo::id).toList());
        }
        T service = bundleContext == null ? null : fetch(bundleContext, entry);
        if (service == null) {
            throw new ContributionException(entry.info(), "its component could not be activated (see the log)", null);
        }
        return service;
    }

    @Override
    public <R> R call(String id, Function<? super T, R> action) {
        T service = get(id);
        try {
            return action.apply(service);
        } catch (ContributionException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            ContributionInfo info = info(id).orElseThrow();
            throw new ContributionException(info, String.valueOf(e.getMessage()), e);
        }
    }

    private Entry<T> current(String id) {
        List<Entry<T>> registered = entries.get(id);
        return registered == null ? null : registered.get(0);
    }

    private T fetch(BundleContext bundleContext, Entry<T> entry) {
        try {
            return bundleContext.getService(entry.reference());
        } catch (RuntimeException e) {
            throw new ContributionException(entry.info(), "its service could not be obtained", e);
        }
    }

    private ContributionInfo infoOf(ServiceReference<T> reference) {
        Bundle bundle = reference.getBundle();
        String bundleName = bundle == null ? "(unregistered)" : bundle.getSymbolicName() + " " + bundle.getVersion();
        return new ContributionInfo(
                kind,
                property(reference, "id"),
                property(reference, "label"),
                property(reference, "description"),
                bundleName);
    }

    private static String property(ServiceReference<?> reference, String name) {
        Object value = reference.getProperty(ContributionMetadata.PREFIX_ + name);
        return value == null ? null : value.toString();
    }
}
