"""Runs the plan on the GPU. Imported only for a real capture: the dry run and --simulate never import torch."""
import gzip
import json
import os
import platform
import shutil
import socket
import subprocess
import tempfile
from datetime import datetime, timezone

from . import KIT_VERSION
from .annotation import format_annotation


def _torch():
    try:
        import torch
    except ImportError as e:
        raise SystemExit(f"error: PyTorch is not installed ({e}); a real capture needs it (use --dry-run or --simulate without a GPU)")
    if not torch.cuda.is_available():
        raise SystemExit("error: torch.cuda.is_available() is False; run on a GPU host (or use --dry-run / --simulate)")
    return torch


def device_count():
    return _torch().cuda.device_count()


def build(torch, op, s, device):
    """Allocates the operands of one measurement and returns a closure that launches it once."""
    import torch.nn.functional as F
    dt = torch.bfloat16
    g = torch.Generator(device=device).manual_seed(0)

    def rand(*shape):
        return torch.randn(*shape, dtype=dt, device=device, generator=g)

    if op in ("attention_prefill", "attention_decode"):
        q = rand(s["b"], s["hq"], s.get("q", 1), s["d"])
        k = rand(s["b"], s["hkv"], s["ctx"], s["d"])
        v = rand(s["b"], s["hkv"], s["ctx"], s["dv"])
        causal = bool(s.get("causal", 0))
        gqa = s["hq"] != s["hkv"]
        try:
            F.scaled_dot_product_attention(q[:, :, :1], k[:, :, :1], v[:, :, :1], enable_gqa=gqa)
            return lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=gqa)
        except TypeError:  # torch < 2.5 has no enable_gqa: expand K/V once, outside the timed call
            rep = s["hq"] // s["hkv"]
            k, v = k.repeat_interleave(rep, dim=1), v.repeat_interleave(rep, dim=1)
            return lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    if op == "moe_experts":
        # One batched GEMM over the experts hit, each with the same rows: a stand-in for a grouped MoE GEMM.
        x, w = rand(s["experts"], s["m"], s["k"]), rand(s["experts"], s["k"], s["n"])
        return lambda: torch.bmm(x, w)
    x, w = rand(s["m"], s["k"]), rand(s["n"], s["k"])
    return lambda: F.linear(x, w)


def profile_plan(measurements, warmup, repeats, out_dir, metadata, log):
    """torch.profiler over every measurement; each repetition inside its own tr:: annotation. Returns skipped ones."""
    torch = _torch()
    from torch.profiler import ProfilerActivity, profile, record_function
    device = torch.device("cuda:0")
    skipped = []
    local = [m for m in measurements if m["op"] != "attn_all_reduce"]
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA], record_shapes=True) as prof:
        for i, meas in enumerate(local):
            op, shape = meas["op"], meas["shape"]
            fn = None
            try:
                fn = build(torch, op, shape, device)
                for _ in range(warmup):  # outside any tr:: range: calibration ignores these kernels
                    fn()
                torch.cuda.synchronize()
                for rep in range(repeats):
                    with record_function(format_annotation(op, shape, rep)):
                        fn()
                    torch.cuda.synchronize()
            except torch.cuda.OutOfMemoryError as e:
                skipped.append({"annotation": format_annotation(op, shape), "reason": f"out of memory: {str(e).splitlines()[0]}"})
            finally:
                del fn
                torch.cuda.empty_cache()
            if i % 25 == 0:
                log(f"  {i + 1}/{len(local)} {format_annotation(op, shape)}")
        try:
            prof.add_metadata_json("tracereplay", json.dumps({**metadata, "synthetic": False}))
        except AttributeError:
            pass  # old torch: the same facts are in plan.json and env.json
    export_gz(prof, os.path.join(out_dir, "trace.json.gz"))
    return skipped


def export_gz(prof, path):
    folder = os.path.dirname(path)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        raw = os.path.join(tmp, "trace.json")
        prof.export_chrome_trace(raw)
        with open(raw, "rb") as src, gzip.open(path + ".tmp", "wb") as dst:
            shutil.copyfileobj(src, dst)
    os.replace(path + ".tmp", path)


def nvtx_plan(measurements):
    """The --ncu-child body: each measurement once inside an NVTX range of the same name (no profiler)."""
    torch = _torch()
    device = torch.device("cuda:0")
    for meas in measurements:
        if meas["op"] == "attn_all_reduce":
            continue
        fn = build(torch, meas["op"], meas["shape"], device)
        fn()
        torch.cuda.synchronize()
        torch.cuda.nvtx.range_push(format_annotation(meas["op"], meas["shape"], 0))
        fn()
        torch.cuda.synchronize()
        torch.cuda.nvtx.range_pop()
        del fn


def profile_allreduce(measurements, warmup, repeats, out_dir, metadata):
    """NCCL all-reduce sizes across `world` local GPUs; rank 0 writes allreduce_trace.json.gz."""
    reduce = [m for m in measurements if m["op"] == "attn_all_reduce"]
    if not reduce:
        return
    torch = _torch()
    import torch.multiprocessing as mp
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    world = reduce[0]["shape"]["world"]
    mp.spawn(_allreduce_worker, args=(world, port, reduce, warmup, repeats, out_dir, metadata), nprocs=world, join=True)
    del torch


def _allreduce_worker(rank, world, port, reduce, warmup, repeats, out_dir, metadata):
    import torch
    import torch.distributed as dist
    from torch.profiler import ProfilerActivity, profile, record_function
    torch.cuda.set_device(rank)
    dist.init_process_group("nccl", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world)
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA], record_shapes=True) as prof:
        for meas in reduce:
            x = torch.ones(meas["shape"]["bytes"] // 2, dtype=torch.bfloat16, device=f"cuda:{rank}")
            for _ in range(warmup):
                dist.all_reduce(x)
            torch.cuda.synchronize()
            for rep in range(repeats):
                dist.barrier()
                with record_function(format_annotation(meas["op"], meas["shape"], rep)):
                    dist.all_reduce(x)
                torch.cuda.synchronize()
            del x
    if rank == 0:
        try:
            prof.add_metadata_json("tracereplay", json.dumps({**metadata, "synthetic": False}))
        except AttributeError:
            pass
        export_gz(prof, os.path.join(out_dir, "allreduce_trace.json.gz"))
    dist.destroy_process_group()


def environment(ncu_version):
    torch = _torch()
    props = torch.cuda.get_device_properties(0)
    driver = None
    if shutil.which("nvidia-smi"):
        r = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader", "-i", "0"], capture_output=True, text=True)
        driver = r.stdout.strip() or None
    return {
        "synthetic": False, "kit_version": KIT_VERSION, "gpu_name": props.name, "gpu_count": torch.cuda.device_count(),
        "total_memory_bytes": props.total_memory, "sm_count": props.multi_processor_count,
        "compute_capability": f"{props.major}.{props.minor}", "driver": driver, "torch": torch.__version__,
        "cuda": torch.version.cuda, "cudnn": torch.backends.cudnn.version(), "python": platform.python_version(),
        "ncu": ncu_version, "captured_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
