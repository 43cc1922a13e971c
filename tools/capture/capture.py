#!/usr/bin/env python3
"""TraceReplay GPU capture kit: sweep a model's operator shapes on this GPU and record them for calibration.

    python3 capture.py --config config.json --tp 2 --out captures/h100 [--plan small|full] [--max-tokens 16384]
    python3 capture.py --config config.json --tp 2 --dry-run            # the shape plan, no GPU needed
    python3 capture.py --config config.json --tp 2 --simulate h100 --out DIR   # synthetic trace, no GPU (tests)

Then: tracereplay ingest kernels DIR/trace.json.gz [DIR/ncu_raw.csv] -o kernels.parquet
      tracereplay calibrate --gpu NAME --kernels kernels.parquet
See README.md beside this file for the outputs and the annotation grammar.
"""
import argparse
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from trcapture import KIT_VERSION  # noqa: E402
from trcapture.annotation import format_annotation  # noqa: E402
from trcapture.cost import flops_bytes  # noqa: E402
from trcapture.model import ConfigError, load_model  # noqa: E402
from trcapture.plan import DTYPE, build_plan, reduce_for_ncu  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--config", required=True, help="Hugging Face config.json of the model")
    p.add_argument("--tp", type=int, default=1, help="tensor-parallel degree: shapes are one GPU's share")
    p.add_argument("--out", help="output folder (trace.json.gz, plan.json, env.json, ncu_raw.csv)")
    p.add_argument("--plan", choices=("small", "full"), default="small", help="small: minutes; full: token counts 1..16384 in 2^k and 3x2^k")
    p.add_argument("--max-tokens", type=int, default=16384, help="largest token count (GEMM rows, prefill batch x length)")
    p.add_argument("--ncu", choices=("auto", "on", "off"), default="auto", help="second pass under Nsight Compute for DRAM bytes (auto: if ncu is on PATH)")
    p.add_argument("--ncu-limit", type=int, default=24, help="measurements in the ncu pass (evenly spread over the plan)")
    p.add_argument("--warmup", type=int, default=3, help="unrecorded launches before each shape")
    p.add_argument("--repeats", type=int, default=5, help="recorded launches per shape, each in its own annotation")
    p.add_argument("--gpus", type=int, help="GPUs to assume visible (dry run / simulate); a real run counts them")
    p.add_argument("--dry-run", action="store_true", help="print the shape plan and exit (no torch, no GPU)")
    p.add_argument("--json", action="store_true", help="with --dry-run: print plan.json to stdout")
    p.add_argument("--simulate", metavar="GPU", help="synthetic roofline timings for a100|h100|h200|b200 instead of a GPU; output marked synthetic")
    p.add_argument("--ncu-child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    for name in ("tp", "max_tokens", "repeats", "ncu_limit"):
        if getattr(a, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be a positive integer, got {getattr(a, name)}")
    if a.warmup < 0:
        p.error(f"--warmup must be >= 0, got {a.warmup}")
    if not a.dry_run and not a.out and not a.ncu_child:
        p.error("--out is required (except with --dry-run)")
    return a


def log(message):
    print(message, file=sys.stderr, flush=True)


def plan_document(args, model, measurements, gpus, skipped=()):
    return {
        "kit_version": KIT_VERSION,
        "config": os.path.basename(args.config),
        "config_sha256": model["sha256"],
        "model": {k: v for k, v in model.items() if k != "sha256"},
        "tp": args.tp, "plan": args.plan, "max_tokens": args.max_tokens, "gpus": gpus,
        "warmup": args.warmup, "repeats": args.repeats, "dtype": DTYPE,
        "annotation_grammar": "tr::<op>::<key>=<value>[,<key>=<value>]*,rep=<i>",
        "measurements": [{"op": m["op"], "shape": m["shape"], "annotation": format_annotation(m["op"], m["shape"])} for m in measurements],
        "skipped": list(skipped),
    }


def write_json(path, document):
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)


def print_plan(args, model, measurements, gpus):
    print(f"model: {args.config} ({model['family']}), TP {args.tp}, plan {args.plan}, max tokens {args.max_tokens}, GPUs {gpus}")
    print(f"{'op':<20}{'shapes':>8}{'GFLOP (sum)':>14}{'HBM GB (sum)':>14}  first .. last shape")
    ops = []
    for m in measurements:
        if m["op"] not in ops:
            ops.append(m["op"])
    for op in ops:
        rows = [m for m in measurements if m["op"] == op]
        fl = sum(flops_bytes(op, m["shape"])[0] for m in rows) / 1e9
        gb = sum(flops_bytes(op, m["shape"])[1] for m in rows) / 1e9
        first, last = (format_annotation(op, r["shape"]).split("::", 2)[2] for r in (rows[0], rows[-1]))
        print(f"{op:<20}{len(rows):>8}{fl:>14.1f}{gb:>14.2f}  {first} .. {last}")
    print(f"total: {len(measurements)} shapes x {args.repeats} repeats = {len(measurements) * args.repeats} annotated measurements")
    for m in measurements:
        print(format_annotation(m["op"], m["shape"]))


def simulate(args, model, measurements, gpus):
    from trcapture import simulate as sim
    if args.simulate not in sim.GPUS:
        raise ConfigError(f"--simulate is '{args.simulate}'; expected one of {', '.join(sim.GPUS)}")
    runs = [(format_annotation(m["op"], m["shape"], rep), m["op"], m["shape"]) for m in measurements for rep in range(args.repeats)]
    meta = {"kit_version": KIT_VERSION, "config_sha256": model["sha256"], "generator": f"capture.py --simulate {args.simulate}"}
    trace = sim.trace(args.simulate, runs, meta)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "trace.json.gz")
    with open(path + ".tmp", "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(json.dumps(trace, separators=(",", ":")).encode("utf-8"))
    os.replace(path + ".tmp", path)
    write_json(os.path.join(args.out, "plan.json"), plan_document(args, model, measurements, gpus))
    write_json(os.path.join(args.out, "env.json"), {"synthetic": True, "kit_version": KIT_VERSION, "gpu_name": sim.GPUS[args.simulate][0],
                                                    "gpu_count": gpus, "timing_model": sim.TIMING_MODEL})
    log(f"wrote SYNTHETIC capture ({len(runs)} annotated launches, roofline timings, not a measurement) to {args.out}")


def capture(args, model):
    from trcapture import measure, ncu
    gpus = measure.device_count()
    measurements = build_plan(model, args.tp, args.plan, args.max_tokens, gpus)
    os.makedirs(args.out, exist_ok=True)
    ncu_path = ncu.find(args.ncu)
    env = measure.environment(ncu.version(ncu_path))
    meta = {"kit_version": KIT_VERSION, "config_sha256": model["sha256"], "plan": args.plan, "tp": args.tp}
    log(f"capturing {len(measurements)} shapes x {args.repeats} repeats on {env['gpu_name']} ({gpus} visible)")
    skipped = measure.profile_plan(measurements, args.warmup, args.repeats, args.out, meta, log)
    measure.profile_allreduce(measurements, args.warmup, args.repeats, args.out, meta)
    if ncu_path:
        reduced = reduce_for_ncu([m for m in measurements if m["op"] != "attn_all_reduce"], args.ncu_limit)
        log(f"ncu pass over {len(reduced)} shapes")
        child = ["--config", os.path.abspath(args.config), "--tp", str(args.tp), "--plan", args.plan,
                 "--max-tokens", str(args.max_tokens), "--ncu-limit", str(args.ncu_limit)]
        ncu.run(ncu_path, os.path.abspath(__file__), child, os.path.join(args.out, "ncu_raw.csv"), log)
    else:
        log("no ncu: DRAM bytes will come from the analytic model at calibration")
    write_json(os.path.join(args.out, "plan.json"), plan_document(args, model, measurements, gpus, skipped))
    write_json(os.path.join(args.out, "env.json"), env)
    log(f"wrote {args.out} ({len(skipped)} shapes skipped)")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        model = load_model(args.config)
        if args.ncu_child:
            from trcapture import measure
            measurements = build_plan(model, args.tp, args.plan, args.max_tokens, 1)
            measure.nvtx_plan(reduce_for_ncu(measurements, args.ncu_limit))
            return 0
        if args.dry_run or args.simulate:
            gpus = args.gpus or 1
            measurements = build_plan(model, args.tp, args.plan, args.max_tokens, gpus)
            if args.simulate:
                simulate(args, model, measurements, gpus)
            elif args.json:
                print(json.dumps(plan_document(args, model, measurements, gpus), indent=1))
            else:
                print_plan(args, model, measurements, gpus)
            return 0
        capture(args, model)
        return 0
    except (ConfigError, ValueError) as e:
        log(f"error: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
