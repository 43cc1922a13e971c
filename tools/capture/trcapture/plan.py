"""The shape plan: which operators, at which shapes, one GPU's share of a TP group. Pure Python (no torch)."""
import math

DTYPE = "bf16"
BYTES = 2
# KV cache one decode measurement may allocate (all of it lives on one GPU at once).
KV_BUDGET_BYTES = 16 << 30


def token_counts(plan, max_tokens):
    if plan == "small":
        counts = [1, 8, 64, 512, 4096, 16384]
    else:
        counts = sorted({2 ** i for i in range(15)} | {3 * 2 ** i for i in range(13)})
    return [t for t in counts if t <= max_tokens] or [max_tokens]


def _split(value, tp, what):
    if value % tp:
        raise ValueError(f"{what} = {value} does not split over TP {tp}")
    return value // tp


def _gemm(op, m, k, n, tp, **extra):
    return {"op": op, "shape": {"m": m, "k": k, "n": n, **extra, "tp": tp, "dtype": DTYPE}}


def build_plan(model, tp, plan="small", max_tokens=16384, gpus=1):
    """Returns the ordered list of measurements ({op, shape}); deterministic for the same inputs."""
    if plan not in ("small", "full"):
        raise ValueError(f"--plan is '{plan}'; expected small or full")
    if tp < 1 or max_tokens < 1:
        raise ValueError("--tp and --max-tokens must be positive")
    h, hd, vd = model["hidden"], model["head_dim"], model["v_head_dim"]
    hq = _split(model["heads"], tp, "num_attention_heads")
    hkv = max(1, model["kv_heads"] // tp)
    tokens = token_counts(plan, max_tokens)
    out = []
    for m in tokens:
        mla = model["mla"]
        if mla:
            if mla["q_lora"]:
                out.append(_gemm("mla_q_down", m, h, mla["q_lora"], tp))
            out.append(_gemm("mla_q_up", m, mla["q_lora"] or h, hq * (mla["nope"] + mla["rope"]), tp))
            out.append(_gemm("mla_kv_down", m, h, mla["kv_lora"] + mla["rope"], tp))
            out.append(_gemm("mla_kv_up", m, mla["kv_lora"], hq * (mla["nope"] + mla["v"]), tp))
            out.append(_gemm("out_proj", m, hq * mla["v"], h, tp))
        else:
            out.append(_gemm("qkv_proj", m, h, (hq + 2 * hkv) * hd, tp))
            out.append(_gemm("out_proj", m, hq * hd, h, tp))
        if model["dense_layers"] and model["intermediate"]:
            inter = _split(model["intermediate"], tp, "intermediate_size")
            out.append(_gemm("mlp_up_gate", m, h, 2 * inter, tp))
            out.append(_gemm("mlp_down", m, inter, h, tp))
        if model["shared_intermediate"]:
            inter = _split(model["shared_intermediate"], tp, "shared_expert_intermediate_size")
            out.append(_gemm("shared_experts", m, h, 2 * inter, tp, proj="up_gate"))
            out.append(_gemm("shared_experts", m, inter, h, tp, proj="down"))
        if plan == "full":
            out.append(_gemm("lm_head", m, h, _split(model["vocab"] + (-model["vocab"]) % tp, tp, "vocab_size"), tp))
    out += _attention(model, tp, plan, max_tokens, hq, hkv, hd, vd)
    out += _moe(model, tp, plan, tokens)
    world = min(tp, gpus)
    if world > 1:
        for m in tokens:
            out.append({"op": "attn_all_reduce", "shape": {"tokens": m, "bytes": m * h * BYTES, "world": world, "dtype": DTYPE}})
    return out


def _attention(model, tp, plan, max_tokens, hq, hkv, hd, vd):
    out = []
    mla = model["mla"]
    prefill_b = [1] if plan == "small" else [1, 2, 4, 8]
    prefill_l = [128, 1024, 4096] if plan == "small" else [2 ** i for i in range(7, 15)]
    for b in prefill_b:
        for length in prefill_l:
            if b * length <= max_tokens:
                # MLA prefill runs un-absorbed: per-head K/V of width nope+rope / v (as kv_b_proj produces them).
                out.append({"op": "attention_prefill", "shape": {"b": b, "q": length, "ctx": length, "hq": hq,
                            "hkv": hq if mla else hkv, "d": hd, "dv": vd, "causal": 1, "tp": tp, "dtype": DTYPE}})
    decode_b = [1, 16] if plan == "small" else [1, 4, 16, 64, 256]
    decode_ctx = [1024, 8192] if plan == "small" else [512, 2048, 8192, 32768]
    # MLA decode runs absorbed: every query head attends one shared latent head of width kv_lora+rope.
    dk, dvk, kvh = (mla["kv_lora"] + mla["rope"], mla["kv_lora"], 1) if mla else (hd, vd, hkv)
    for b in decode_b:
        for ctx in decode_ctx:
            if b * ctx * kvh * (dk + dvk) * BYTES <= KV_BUDGET_BYTES:
                out.append({"op": "attention_decode", "shape": {"b": b, "ctx": ctx, "hq": hq, "hkv": kvh, "d": dk, "dv": dvk,
                            "tp": tp, "dtype": DTYPE}})
    return out


def _moe(model, tp, plan, tokens):
    experts, topk = model["experts"], model["topk"]
    if not experts:
        return []
    out = []
    inter = _split(model["moe_intermediate"], tp, "moe_intermediate_size")
    h = model["hidden"]
    for t in tokens:
        routed = t * topk
        hit = min(experts, routed)  # every expert gets work once the batch is large enough (uniform routing)
        counts = {hit} if plan == "small" else {e for e in (1, 4, 16, 64, experts) if e <= hit} | {hit}
        for e in sorted(counts):
            rows = math.ceil(routed / e)
            common = {"tokens": t, "experts": e, "total_experts": experts, "topk": topk}
            out.append({"op": "moe_experts", "shape": {**common, "m": rows, "k": h, "n": 2 * inter, "proj": "up_gate", "tp": tp, "dtype": DTYPE}})
            out.append({"op": "moe_experts", "shape": {**common, "m": rows, "k": inter, "n": h, "proj": "down", "tp": tp, "dtype": DTYPE}})
    return out


def reduce_for_ncu(measurements, limit=24):
    """Nsight Compute replays each kernel: keep an evenly spread subset, in plan order, for the bytes pass."""
    if len(measurements) <= limit:
        return list(measurements)
    step = len(measurements) / limit
    return [measurements[int(i * step)] for i in range(limit)]
