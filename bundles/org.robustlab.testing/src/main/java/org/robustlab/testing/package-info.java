/**
 * Contract tests that every contribution must pass, first-party and third-party alike. A contribution's test
 * class extends the abstract contract test of its kind (for example {@code AttackGeneratorContractTest}) and
 * supplies the contribution and a model or file to exercise it on; JUnit then runs every inherited check.
 * The package also provides small reference models with analytic gradients for such tests.
 */
package org.robustlab.testing;
