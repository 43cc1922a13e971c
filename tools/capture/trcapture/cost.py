"""FLOPs and HBM bytes of one planned measurement (ideal kernels), for --simulate and for the plan summary."""
BYTES = 2


def flops_bytes(op, s):
    if op == "attn_all_reduce":
        return 0.0, 2.0 * (s["world"] - 1) / s["world"] * s["bytes"]
    if op == "attention_prefill":
        pairs = s["q"] * (s["q"] + 1) / 2 if s["causal"] else s["q"] * s["ctx"]
        flops = 2.0 * s["b"] * s["hq"] * pairs * (s["d"] + s["dv"])
        data = s["b"] * (s["q"] * s["hq"] * (s["d"] + s["dv"]) + s["ctx"] * s["hkv"] * (s["d"] + s["dv"]))
        return flops, data * BYTES
    if op == "attention_decode":
        flops = 2.0 * s["b"] * s["hq"] * s["ctx"] * (s["d"] + s["dv"])
        data = s["b"] * (s["hq"] * (s["d"] + s["dv"]) + s["ctx"] * s["hkv"] * (s["d"] + s["dv"]))
        return flops, data * BYTES
    groups = s.get("experts", 1) if op == "moe_experts" else 1
    m, k, n = s["m"], s["k"], s["n"]
    return 2.0 * groups * m * k * n, groups * (m * k + k * n + m * n) * BYTES
