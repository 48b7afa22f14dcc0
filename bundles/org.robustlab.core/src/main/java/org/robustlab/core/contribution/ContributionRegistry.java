package org.robustlab.core.contribution;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The contributions of one kind that are currently registered, ordered by id.
 *
 * <p>Each kind has one registry service ({@code AttackGenerators}, {@code SaliencyMethods}, ...). A registry
 * follows bundles as they start and stop. When two bundles register the same id, the one registered first
 * stays, and the registry logs a warning that names both bundles.
 *
 * @param <T> the contribution interface
 */
public interface ContributionRegistry<T> {

    /** Returns the kind name used in messages, for example {@code attack}. */
    String kind();

    /** Returns the metadata of every registered contribution, ordered by id. */
    List<ContributionInfo> list();

    /** Returns the metadata of the contribution with this id, if one is registered. */
    Optional<ContributionInfo> info(String id);

    /**
     * Returns the contribution with this id.
     *
     * @throws UnknownContributionException when none has this id
     * @throws ContributionException when the contribution could not be activated
     */
    T get(String id);

    /**
     * Calls {@code action} on the contribution with this id and isolates its failures.
     *
     * <p>A runtime exception thrown by the contribution comes back as a {@link ContributionException} that
     * names the contribution, so one faulty plug-in cannot be mistaken for a fault of the caller.
     *
     * @throws UnknownContributionException when none has this id
     * @throws ContributionException when the contribution could not be activated or threw
     */
    <R> R call(String id, Function<? super T, R> action);
}
