#!/usr/bin/env bash
# `make test`, where `make build` made a Native AOT CLI (bin/aot): the shipped binary must write the same bytes as the
# JIT-compiled CLI the unit tests run (every output but summary.json's wall_s), and pass a short fuzz pass of every input
# format run through it as a child process (FUZZ_CLI; docs/robustness.md). Exit 1 on any difference or failure.
set -euo pipefail
cd "$(dirname "$0")/.."
AOT=bin/aot/tracereplay
JIT=src/TraceReplay.Cli/bin/${CONFIG:-Release}/net10.0/tracereplay.dll
[ -x "$AOT" ] || { echo "aot-check: no $AOT (make build fell back to ReadyToRun); nothing to check"; exit 0; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$AOT" replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 \
  --scheduler sarathi,layered --slo-ttft-s 5 --slo-tbt-s 0.125 -o "$OUT/aot" > /dev/null
dotnet "$JIT" replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 \
  --scheduler sarathi,layered --slo-ttft-s 5 --slo-tbt-s 0.125 -o "$OUT/jit" > /dev/null
for s in sarathi layered; do
  cmp "$OUT/aot/$s/requests.parquet" "$OUT/jit/$s/requests.parquet"
  cmp "$OUT/aot/$s/iterations.parquet" "$OUT/jit/$s/iterations.parquet"
  diff <(grep -v '"wall_s"' "$OUT/aot/$s/summary.json") <(grep -v '"wall_s"' "$OUT/jit/$s/summary.json")
done
echo "aot-check: the Native AOT CLI writes the same outputs as the JIT CLI (sarathi and layered, Azure conv trace)"
FUZZ_CLI="$PWD/$AOT" FUZZ_CASES=${AOT_FUZZ_CASES:-50} dotnet test tests/TraceReplay.Cli.Tests -c "${CONFIG:-Release}" --no-build -nologo \
  --filter "Category=Fuzz" 2>&1 | tail -n 2
