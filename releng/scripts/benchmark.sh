#!/usr/bin/env bash
# Runs the engine benchmark of docs/benchmarks.md in one go and writes one combined markdown table:
#   - the ND4J and PyTorch (Deep Java Library) engines, each in its own test JVM, through the engine-neutral
#     interfaces and the attack and saliency contributions (bundles/org.robustlab.benchmarks);
#   - PyTorch from Debian (python3-torch, run with /usr/bin/python3) on the same workload, one process per size;
#   - DICOM decoding of the sample set by Robustlab's reader (DecodeThroughputTest) and by pydicom (Debian
#     python3-pydicom) and GDCM (gdcmconv) over the same files.
# Every part uses the same thread count. The table goes to target/benchmarks/benchmark.md; paste it into
# docs/benchmarks.md with the machine, the date and the load average the script prints.
#
# Usage: releng/scripts/benchmark.sh [-t THREADS] [-r REPETITIONS] [-s SIZES] [--only PARTS]
#   THREADS      intra-op threads of every engine (default 2)
#   REPETITIONS  timed runs per row after one warm-up run (default 5)
#   SIZES        input sizes in pixels, comma-separated (default 64,128; above 64 the stem has stride 2)
#   PARTS        comma-separated subset of torch,engines,dicom (default all three); each part replaces only its
#                own results in target/benchmarks, and the table is always rebuilt from every result there
# Needs: apt-get install python3-torch python3-pydicom libgdcm-tools; the DICOM sample set from
# releng/scripts/fetch-test-data.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=2
repetitions=5
sizes=64,128
parts=torch,engines,dicom
while [ $# -gt 0 ]; do
  case "$1" in
    -t) threads=$2; shift 2 ;;
    -r) repetitions=$2; shift 2 ;;
    -s) sizes=$2; shift 2 ;;
    --only) parts=$2; shift 2 ;;
    *) echo "benchmark.sh: unknown option '$1'; see the usage at the top of $0" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "benchmark.sh: $python cannot import torch; install it with: apt-get install -y python3-torch" >&2
  exit 2
fi
out=target/benchmarks
mkdir -p "$out"
bench=bundles/org.robustlab.benchmarks
log="$out/benchmark.log"
wants() { [[ ",$parts," == *",$1,"* ]]; }
note() { echo "$(date -u +%H:%M:%S) load average $(cut -d' ' -f1-3 /proc/loadavg): $*" | tee -a "$log"; }

export OMP_NUM_THREADS=$threads MALLOC_ARENA_MAX=2 OPT_OUT_TRACKING=true
note "start $parts: threads $threads, repetitions $repetitions, sizes $sizes"
if wants torch; then
  rm -f "$out"/torch-*.json
  for size in ${sizes//,/ }; do
    note "PyTorch from Debian, ${size}px"
    "$python" "$bench/python/torch_bench.py" --size "$size" --threads "$threads" --repetitions "$repetitions" \
      --warmup 1 --json "$out/torch-$size.json" >> "$log"
  done
fi

if wants engines; then
  modules=.,targetplatform,bundles,bundles/org.robustlab.lib.nd4j,bundles/org.robustlab.core
  modules+=,bundles/org.robustlab.testing,bundles/org.robustlab.engine.nd4j,bundles/org.robustlab.models.resnet
  modules+=,bundles/org.robustlab.attacks.pgd,bundles/org.robustlab.saliency.gradient
  modules+=,bundles/org.robustlab.lib.djl,bundles/org.robustlab.engine.djl,$bench
  # One build per size, so that a size is complete for both engines before the next one starts.
  for size in ${sizes//,/ }; do
    note "Robustlab engines (nd4j, then pytorch), ${size}px"
    rm -f "$out"/nd4j-"$size".json "$out"/pytorch-"$size".json "$bench"/target/benchmarks/*.json
    ./mvnw -B -o verify -Pbenchmark -pl "$modules" -Dtest=EngineComparisonBenchmark \
      -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Drobustlab.benchmark.sizes="$size" \
      -Drobustlab.benchmark.repetitions="$repetitions" -Drobustlab.benchmark.threads="$threads" \
      -Dspotless.check.skip=true -Dcheckstyle.skip=true >> "$log" 2>&1
    cp "$bench"/target/benchmarks/*.json "$out/"
  done
fi

if wants dicom; then
  note "DICOM decoding: Robustlab's reader"
  modules=.,targetplatform,bundles,bundles/org.robustlab.lib.nd4j,bundles/org.robustlab.core,bundles/org.robustlab.cli
  modules+=,bundles/org.robustlab.lib.pixelmed,bundles/org.robustlab.data,bundles/org.robustlab.data.dicom
  # Tycho's incremental test compilation can fail on test classes left from an earlier build, so start afresh.
  rm -rf bundles/org.robustlab.data.dicom/target
  ./mvnw -B -o verify -pl "$modules" -Drobustlab.excludedGroups=none -Dgroups=benchmark -Dtest=DecodeThroughputTest \
    -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
    -Dcheckstyle.skip=true > "$out/dicom-java.log" 2>&1
  grep -h 'Decode throughput' "$out/dicom-java.log" bundles/org.robustlab.data.dicom/target/surefire-reports/*.txt \
    2>/dev/null | head -1 > "$out/dicom-java.txt" || true
  list=${TMPDIR:-/tmp}/robustlab-decodable-files.txt
  note "DICOM decoding: pydicom and GDCM"
  "$python" "$bench/python/pydicom_bench.py" "$list" --json "$out/dicom-pydicom.json" >> "$log" 2>&1 || true
  rm -f "$out/dicom-gdcm.txt"
  if command -v gdcmconv > /dev/null; then
    releng/scripts/gdcm-throughput.sh "$list" > "$out/dicom-gdcm.txt" 2>> "$log" || true
  else
    note "gdcmconv not found, so the GDCM row is left out; install it with: apt-get install -y libgdcm-tools"
  fi
fi

note "done: $parts"
"$python" "$bench/python/combine.py" "$out" --threads "$threads" > "$out/benchmark.md"
cat "$out/benchmark.md"
