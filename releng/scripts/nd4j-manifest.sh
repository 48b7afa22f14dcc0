#!/usr/bin/env bash
# Prints the Bundle-ClassPath and Export-Package headers of org.robustlab.lib.nd4j from the jars that the
# build copied into its lib/ folder. Paste the output into META-INF/MANIFEST.MF after changing a version.
set -euo pipefail
lib=${1:-bundles/org.robustlab.lib.nd4j/lib}
printf 'Bundle-ClassPath: .'
for jar in $(ls "$lib"); do printf ',\n lib/%s' "$jar"; done
echo
printf 'Export-Package: org.robustlab.lib.nd4j'
for jar in "$lib"/*.jar; do unzip -Z1 "$jar"; done | grep '\.class$' | grep -v '^META-INF' \
  | sed 's#/[^/]*$##' | sort -u | tr / . | grep -E '^org\.(nd4j|bytedeco)' | grep -v '\.shade\.' \
  | while read -r package; do printf ',\n %s;version="1.0.0.M2_1"' "$package"; done
echo
