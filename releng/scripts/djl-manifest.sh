#!/usr/bin/env bash
# Prints the Export-Package header of org.robustlab.lib.djl from the DJL jars that the build copied into its
# lib/ folder. Paste the output into META-INF/MANIFEST.MF after changing the DJL version.
set -euo pipefail
lib=${1:-bundles/org.robustlab.lib.djl/lib}
version=${2:-0.36.0}
printf 'Export-Package: org.robustlab.lib.djl'
for jar in "$lib"/api-*.jar "$lib"/pytorch-engine-*.jar; do unzip -Z1 "$jar"; done | grep '\.class$' \
  | sed 's#/[^/]*$##' | sort -u | tr / . \
  | while read -r package; do printf ',\n %s;version="%s"' "$package" "$version"; done
echo
