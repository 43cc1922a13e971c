"""--simulate GPU: runs the plan through a roofline formula instead of a GPU and writes the same Kineto JSON
layout torch.profiler writes, marked "synthetic": true. For testing the kit and its consumers without a GPU;
never a measurement."""
from .cost import flops_bytes

# Dense BF16 peak FLOP/s, HBM B/s, SMs, memory, compute capability (public datasheets).
GPUS = {
    "a100": ("NVIDIA A100-SXM4-80GB", 312e12, 2.039e12, 108, 85899345920, (8, 0)),
    "h100": ("NVIDIA H100 80GB HBM3", 989.4e12, 3.35e12, 132, 85520809984, (9, 0)),
    "h200": ("NVIDIA H200", 989.4e12, 4.8e12, 132, 150754820096, (9, 0)),
    "b200": ("NVIDIA B200", 2250e12, 8.0e12, 148, 191475695616, (10, 0)),
}
COMPUTE_EFFICIENCY, MEMORY_EFFICIENCY, LAUNCH_US, LINK_BYTES_PER_S = 0.75, 0.85, 3.0, 450e9
TIMING_MODEL = (f"roofline: max(FLOPs / ({COMPUTE_EFFICIENCY} x peak BF16), bytes / ({MEMORY_EFFICIENCY} x HBM BW)) + {LAUNCH_US} us; "
                f"all-reduce: ring bytes / {LINK_BYTES_PER_S:.0f} B/s + {LAUNCH_US} us")
BASE_TIME_NS = 1_700_000_000_000_000_000  # fixed, so the synthetic trace is byte-identical run to run
HOST_PID, HOST_TID, STREAM = 4242, 4242, 7


def kernel_us(gpu, op, shape):
    _, peak, bw, *_ = GPUS[gpu]
    flops, data = flops_bytes(op, shape)
    if op == "attn_all_reduce":
        return data / LINK_BYTES_PER_S * 1e6 + LAUNCH_US
    return max(flops / (COMPUTE_EFFICIENCY * peak), data / (MEMORY_EFFICIENCY * bw)) * 1e6 + LAUNCH_US


def _aten(op, s):
    if op in ("attention_prefill", "attention_decode"):
        q = s.get("q", 1)
        return "aten::scaled_dot_product_attention", [[s["b"], s["hq"], q, s["d"]], [s["b"], s["hkv"], s["ctx"], s["d"]], [s["b"], s["hkv"], s["ctx"], s["dv"]]]
    if op == "moe_experts":
        return "aten::bmm", [[s["experts"], s["m"], s["k"]], [s["experts"], s["k"], s["n"]]]
    if op == "attn_all_reduce":
        return "c10d::allreduce_", [[s["bytes"] // 2]]
    return "aten::linear", [[s["m"], s["k"]], [s["n"], s["k"]]]


def trace(gpu, runs, metadata):
    """runs: [(annotation, op, shape)] in execution order. Returns the trace as a dict (Kineto layout)."""
    name, _, _, sms, memory, (major, minor) = GPUS[gpu]
    events, t, external, corr = [], 1000.0, 1, 1
    for annotation, op, shape in runs:
        kernel = kernel_us(gpu, op, shape)
        aten, dims = _aten(op, shape)
        cpu = 12.0 + len(dims)
        ann_id, op_id = external, external + 1
        external += 2
        gpu_ts = t + 8.0
        events += [
            {"ph": "X", "cat": "user_annotation", "name": annotation, "pid": HOST_PID, "tid": HOST_TID, "ts": round(t, 3), "dur": round(cpu + kernel, 3), "args": {"External id": ann_id}},
            {"ph": "X", "cat": "cpu_op", "name": aten, "pid": HOST_PID, "tid": HOST_TID, "ts": round(t + 1, 3), "dur": round(cpu - 2, 3),
             "args": {"External id": op_id, "Input Dims": dims, "Input type": ["c10::BFloat16"] * len(dims)}},
            {"ph": "X", "cat": "cuda_runtime", "name": "cudaLaunchKernel", "pid": HOST_PID, "tid": HOST_TID, "ts": round(t + 4, 3), "dur": 3.0,
             "args": {"External id": op_id, "cbid": 211, "correlation": corr}},
            {"ph": "X", "cat": "kernel", "name": f"tr_synthetic_{op}_kernel", "pid": 0, "tid": STREAM, "ts": round(gpu_ts, 3), "dur": round(kernel, 3),
             "args": {"External id": op_id, "correlation": corr, "device": 0, "stream": STREAM, "registers per thread": 0, "shared memory": 0,
                      "grid": [sms, 1, 1], "block": [256, 1, 1], "est. achieved occupancy %": 0}},
            {"ph": "X", "cat": "gpu_user_annotation", "name": annotation, "pid": 0, "tid": STREAM, "ts": round(gpu_ts, 3), "dur": round(kernel, 3),
             "args": {"External id": ann_id}},
        ]
        corr += 1
        t = gpu_ts + kernel + 20.0
    return {
        "schemaVersion": 1,
        "deviceProperties": [{"id": 0, "name": name, "totalGlobalMem": memory, "computeMajor": major, "computeMinor": minor, "numSms": sms}],
        "tracereplay": {**metadata, "synthetic": True, "timing_model": TIMING_MODEL},
        "baseTimeNanoseconds": BASE_TIME_NS,
        "displayTimeUnit": "ms",
        "traceName": "tracereplay-capture-synthetic",
        "traceEvents": events,
    }
