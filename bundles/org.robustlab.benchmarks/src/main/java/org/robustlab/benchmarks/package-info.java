/**
 * Engine benchmarks: the tests in src/test/java time the workload of docs/benchmarks.md (inference, training
 * steps, PGD, SmoothGrad, Integrated Gradients) through the engine-neutral interfaces and the attack and saliency
 * contributions, one engine per test JVM. releng/scripts/benchmark.sh runs them next to the PyTorch script in
 * python/ and writes one table.
 */
package org.robustlab.benchmarks;
