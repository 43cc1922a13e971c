#!/usr/bin/env bash
# `make bench`: BenchmarkDotNet (ShortRun: 1 launch, 3 warm-ups, 3 iterations) for timings and allocations, then one
# fresh process per measurement for peak RSS, scaling (trace tiled 1x/10x/100x in time) and ingest; the report merges
# both into $BENCH_OUT/results.md (copy it into BENCHMARKS.md with the analysis). About 15-25 minutes on 2 cores.
# Quick pipeline check: BENCH_JOB=dry BENCH_TILES=2 BENCH_INGEST_ROWS=20000 BENCH_COLD_RUNS=1 tools/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${BENCH_OUT:-out/bench}
JOB=${BENCH_JOB:-short}
TILES=${BENCH_TILES:-"10 100"}
INGEST_ROWS=${BENCH_INGEST_ROWS:-10000000}
CONFIGS="llama3-8b-h100-sarathi codellama-34b-a100-tp2-sarathi qwen3-30b-a3b-2xh100-layered"
KERNEL_SAMPLES="kernels/nsys-sqlite/h100x2-fastvideo/mfu_2gpu_before.sqlite kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz"

rm -rf "$OUT" && mkdir -p "$OUT"
dotnet build tests/TraceReplay.Benchmarks -c Release -nologo -v quiet
make --no-print-directory bin/tracereplay   # the published CLI that the cold-CLI runs start
BIN=tests/TraceReplay.Benchmarks/bin/Release/net10.0/TraceReplay.Benchmarks.dll
START=$(date +%s)
{
  echo "- started $(date -u +%FT%TZ); load average (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
} > "$OUT/machine.txt"

TRACEREPLAY_BENCH_INGEST_ROWS=$INGEST_ROWS dotnet "$BIN" --filter '*ReplayBenchmarks*' '*ScalingBenchmarks*' '*HotLoopBenchmarks*' '*IterationCostBenchmarks*' '*IngestBenchmarks*' '*ColdCliBenchmarks*' \
  --job "$JOB" --exporters json --artifacts "$OUT/bdn" | tee "$OUT/bdn.log"

M="$OUT/measurements.jsonl"
for c in $CONFIGS; do
  for cm in calibrated roofline; do dotnet "$BIN" measure "$M" replay "$c" "$cm" 1; done
done
for t in $TILES; do
  for c in $CONFIGS; do dotnet "$BIN" measure "$M" replay "$c" calibrated "$t"; done
done
dotnet "$BIN" generate-azure "$INGEST_ROWS" "$OUT/azure-requests.csv"
dotnet "$BIN" measure "$M" ingest-requests "$OUT/azure-requests.csv"
rm -f "$OUT/azure-requests.csv"
for s in $KERNEL_SAMPLES; do dotnet "$BIN" measure "$M" ingest-kernels "$s"; done
dotnet "$BIN" measure "$M" cold-cli "${BENCH_COLD_RUNS:-5}"

echo "- finished after $(( ($(date +%s) - START) / 60 )) min; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
dotnet "$BIN" report "$OUT/bdn" "$M" "$OUT/machine.txt" "$OUT/results.md"
