#!/usr/bin/env python3
"""Convert an SGLang expert-distribution dump to TraceReplay's recorded-routing Parquet.

SGLang records the experts every token picks when the server runs with
    --expert-distribution-recorder-mode stat --expert-distribution-recorder-buffer-size -1
and, between POST /start_expert_distribution_record and POST /stop_expert_distribution_record, a
POST /dump_expert_distribution_record writes expert_distribution_recorder_<time>.pt to
$SGLANG_EXPERT_DISTRIBUTION_RECORDER_DIR (set it when launching the server). In "stat" mode that file is a torch.save'd dict whose
"logical_count" tensor is [forward passes, layers, logical experts]: how many tokens chose each expert in each layer
of each forward pass, summed over all ranks (sglang/srt/eplb/expert_distribution.py, _StatAccumulator.dump).

This script writes one row per (step, layer, expert) with tokens > 0 -- columns step, layer, expert, tokens (int64),
the layout `tracereplay replay --routing recorded:FILE` reads (docs/moe.md) -- and the expert count as the file
metadata key tracereplay.routing.num_experts. Forward passes with no tokens (an unfilled ring buffer) are dropped;
layers with no tokens in the whole recording are dense layers and are left out. Needs torch and pyarrow.

    python3 tools/capture/expert_loads.py expert_distribution_recorder_1733200000.0.pt -o routing.parquet
"""
import argparse
import sys


def convert(dump_path, out_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    import torch

    dump = torch.load(dump_path, map_location="cpu", weights_only=False)
    if not isinstance(dump, dict) or "logical_count" not in dump:
        sys.exit(f"{dump_path}: expected SGLang's stat-mode dump (a dict with 'logical_count'); "
                 "per_pass/per_token dumps hold 'records' instead: re-record with --expert-distribution-recorder-mode stat")
    counts = dump["logical_count"].to(torch.int64)
    if counts.dim() != 3:
        sys.exit(f"{dump_path}: 'logical_count' has shape {tuple(counts.shape)}, expected [passes, layers, experts]")
    passes = counts.sum(dim=(1, 2)) > 0
    layers = counts.sum(dim=(0, 2)) > 0
    counts = counts[passes][:, layers, :]
    layer_ids = torch.nonzero(layers).flatten()
    step, layer, expert = torch.nonzero(counts, as_tuple=True)
    table = pa.table({
        "step": pa.array(step.numpy(), pa.int64()),
        "layer": pa.array(layer_ids[layer].numpy(), pa.int64()),
        "expert": pa.array(expert.numpy(), pa.int64()),
        "tokens": pa.array(counts[step, layer, expert].numpy(), pa.int64()),
    })
    table = table.replace_schema_metadata({"tracereplay.routing.num_experts": str(counts.shape[2]),
                                           "tracereplay.routing.source": f"sglang expert_distribution_recorder stat: {dump_path}"})
    pq.write_table(table, out_path)
    print(f"{int(passes.sum())} steps x {int(layers.sum())} MoE layers x {counts.shape[2]} experts -> {table.num_rows} rows in {out_path}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dump", help="expert_distribution_recorder_*.pt written by SGLang in stat mode")
    p.add_argument("-o", "--output", required=True, help="Parquet to write (step, layer, expert, tokens)")
    a = p.parse_args()
    convert(a.dump, a.output)


if __name__ == "__main__":
    main()
