#!/usr/bin/env bash
# Regenerates every shipped calibration (calibration/<gpu>/calibration.json + REPORT.md) and the iteration checks from
# the public data in ../shared/data, with the tool as built now. Deterministic: same inputs, same bytes.
# Usage: tools/calibration/regenerate.sh [SHARED_DATA]   (default ../shared/data; ~6-8 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/data}
[ -d "$data/profiles/vidur" ] || { echo "error: $data/profiles/vidur not found (give the shared data folder as the first argument)" >&2; exit 2; }
tr=(dotnet src/TraceReplay.Cli/bin/Release/net10.0/tracereplay.dll)
[ -f "${tr[1]}" ] || dotnet build src/TraceReplay.Cli -c Release -nologo -v quiet
vidur=$data/profiles/vidur
db=$data/profiles/aiconfigurator
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The a100 kernel Parquet's file name is part of the recorded inputs: keep it.
"${tr[@]}" ingest kernels "$data/kernels/ncu-csv/a100-llama2-7b-decode/Llama-2-7B-fp16_0_decode_0.EXCERPT_rows0_22.csv" -o "$tmp/a100-llama2-7b-decode.parquet" >/dev/null
"${tr[@]}" calibrate --gpu a100 --profiles "$vidur" --kernel-db "$db" --kernels "$tmp/a100-llama2-7b-decode.parquet" \
  --kernel-shapes calibration/captures/ncu-a100-llama2-7b-decode/shapes.csv -o calibration/a100 >/dev/null
"${tr[@]}" calibrate --gpu a40 --profiles "$vidur" -o calibration/a40 >/dev/null
"${tr[@]}" calibrate --gpu h100 --profiles "$vidur" --kernel-db "$db" -o calibration/h100 >/dev/null
# B200 has measured kernel tables but no Vidur profiles: its other operators are derived from H100.
"${tr[@]}" calibrate --gpu b200 --derive-from h100 --profiles "$vidur" --kernel-db "$db" -o calibration/b200 >/dev/null
# H200 has neither: everything derived from H100 (its kernel curves carried to H200's peaks).
"${tr[@]}" calibrate --gpu h200 --derive-from h100 --profiles "$vidur" --kernel-db "$db" -o calibration/h200 >/dev/null
echo "calibrations written; rebuilding (calibration.json files are embedded)"
dotnet build src/TraceReplay.Cli -c Release -nologo -v quiet >/dev/null

"${tr[@]}" ingest kernels "$data/kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz" -o "$tmp/qwen.parquet" >/dev/null
"${tr[@]}" iter-check -c h100 --kernels "$tmp/qwen.parquet" -m calibration/captures/qwen1.5-0.5b/config.json --batch 16 --seq 559 \
  --nvtx 'ProfilerStep#6' -o calibration/h100/ITERATION_CHECK.md >/dev/null
"${tr[@]}" ingest kernels "$data/kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz" -o "$tmp/gptoss.parquet" >/dev/null
"${tr[@]}" iter-check -c b200 --kernels "$tmp/gptoss.parquet" -m calibration/captures/gpt-oss-120b/config.json --tp 8 --seq 888 \
  --nvtx execute_context -o calibration/b200/ITERATION_CHECK.md >/dev/null
echo "done: calibration/{a100,a40,h100,b200,h200} and the iteration checks"
