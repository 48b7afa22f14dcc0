/**
 * Integration tests of the whole Robustlab runtime: the tests in src/test/java start an Equinox framework with
 * every bundle of the product feature and check how the contributions, registries and native libraries behave
 * together.
 */
package org.robustlab.integration.tests;
