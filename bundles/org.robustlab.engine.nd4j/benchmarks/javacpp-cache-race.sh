#!/usr/bin/env bash
# Starts several JVMs at the same moment on an empty JavaCPP cache, as a workbench and a headless run starting
# together would, and checks that every one loads ND4J's native libraries and that the cached libraries are
# byte-identical to the entries of the jars they came from. JavaCPP extracts its libraries on first use into a
# cache shared by all JVMs; an unsafe extraction leaves truncated libraries behind.
#
# Usage: javacpp-cache-race.sh [ROUNDS] [JVMS]      (defaults: 20 rounds of 4 JVMs)
# Needs the ND4J jars in bundles/org.robustlab.lib.nd4j/lib, which every build copies there.
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-20}
jvms=${2:-4}
lib=bundles/org.robustlab.lib.nd4j/lib
classpath=$(ls "$lib"/*.jar | tr '\n' ':')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$classpath" bundles/org.robustlab.engine.nd4j/benchmarks/CacheRaceProbe.java

passed=0
for round in $(seq 1 "$rounds"); do
    cache="$work/cache-$round"
    mkdir -p "$cache"
    pids=()
    for jvm in $(seq 1 "$jvms"); do
        java -Xmx512m -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "$classpath:$work/classes" CacheRaceProbe \
            > "$work/out-$round-$jvm.txt" 2>&1 &
        pids+=($!)
    done
    for jvm in $(seq 1 "$jvms"); do
        if wait "${pids[$((jvm - 1))]}" && grep -qx '4.0' "$work/out-$round-$jvm.txt"; then
            passed=$((passed + 1))
        else
            echo "round $round, JVM $jvm failed:"; tail -5 "$work/out-$round-$jvm.txt"
        fi
    done
    # Every cached file must equal the jar entry it was extracted from.
    while IFS= read -r file; do
        name=$(basename "$file")
        for jar in "$lib"/*.jar; do
            entry=$(unzip -Z1 "$jar" | grep "/$name\$" | head -1 || true)
            if [ -n "$entry" ]; then
                if ! cmp -s "$file" <(unzip -p "$jar" "$entry"); then
                    echo "round $round: cached $file differs from $jar!/$entry"
                    passed=$((passed - 1000))
                fi
                break
            fi
        done
    done < <(find "$cache" -type f -name '*.so*')
    rm -rf "$cache"
    echo "round $round: $passed of $((round * jvms)) JVMs so far loaded ND4J from an intact cache"
done
echo "result: $passed of $((rounds * jvms)) JVMs passed"
[ "$passed" -eq $((rounds * jvms)) ]
