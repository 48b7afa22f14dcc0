package org.robustlab.core.contribution;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Typed metadata of a contribution, published as OSGi service properties.
 *
 * <p>Put it next to {@code @Component} on the implementation class:
 * <pre>{@code
 * @Component(service = AttackGenerator.class)
 * @ContributionMetadata(id = "pgd", label = "PGD", description = "Projected gradient descent ...")
 * public final class PgdAttack implements AttackGenerator<PgdParameters> { ... }
 * }</pre>
 * The build turns the annotation into the properties {@code robustlab.contribution.id}, {@code ...label} and
 * {@code ...description}, so registries list contributions without activating them.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ContributionMetadata {

    /** Prefix of the service property names. */
    String PREFIX_ = "robustlab.contribution.";

    /** Stable identifier used in experiment files and on the command line: lower case, digits and dashes. */
    String id();

    /** Short name for menus and tables. */
    String label();

    /** One or two sentences for tooltips and {@code robustlab contributions}, including known limits. */
    String description() default "";
}
