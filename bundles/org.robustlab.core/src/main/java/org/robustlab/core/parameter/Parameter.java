package org.robustlab.core.parameter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one component of a parameter record: what it sets, its unit and its allowed range. The binder
 * enforces {@link #min()} and {@link #max()} and the workbench builds its forms from these values.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Parameter {

    /** What the parameter sets, as one sentence. */
    String description();

    /** Unit of the value, for example {@code pixels} or {@code epochs}; empty when it has none. */
    String unit() default "";

    /** Smallest allowed value of a numeric parameter; {@code -Infinity} when unbounded. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest allowed value of a numeric parameter; {@code Infinity} when unbounded. */
    double max() default Double.POSITIVE_INFINITY;
}
