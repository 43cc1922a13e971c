"""Reads the operator dimensions of a Hugging Face config.json (llama, mistral/mixtral, qwen2/3, qwen3_moe,
gpt_oss, deepseek_v2/v3), mirroring TraceReplay.Core's HfConfigLoader."""
import hashlib
import json

FAMILIES = ("llama", "mistral", "mixtral", "qwen2", "qwen3", "qwen2_moe", "qwen3_moe", "gpt_oss", "deepseek_v2", "deepseek_v3")


class ConfigError(ValueError):
    pass


def _int(cfg, path, key, required=True):
    value = cfg.get(key)
    if value is None:
        if required:
            raise ConfigError(f"{path}: field '{key}' is missing; expected an integer")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{path}: field '{key}' is {value!r}; expected a non-negative integer")
    return value


def load_model(path):
    """Returns a dict of the dimensions the plan needs, plus the config's SHA-256."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from e
    try:
        cfg = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}: line {e.lineno}: not valid JSON ({e.msg})") from e
    if not isinstance(cfg, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    family = cfg.get("model_type")
    if family not in FAMILIES:
        raise ConfigError(f"{path}: field 'model_type' is {family!r}; expected one of {', '.join(FAMILIES)}")
    hidden = _int(cfg, path, "hidden_size")
    heads = _int(cfg, path, "num_attention_heads")
    kv_heads = _int(cfg, path, "num_key_value_heads", False) or heads
    head_dim = _int(cfg, path, "head_dim", False) or hidden // heads
    experts = _int(cfg, path, "num_local_experts", False) or _int(cfg, path, "num_experts", False) or _int(cfg, path, "n_routed_experts", False) or 0
    m = {
        "family": family, "hidden": hidden, "heads": heads, "kv_heads": kv_heads, "head_dim": head_dim,
        "v_head_dim": head_dim, "intermediate": _int(cfg, path, "intermediate_size", False) or 0,
        "vocab": _int(cfg, path, "vocab_size"), "layers": _int(cfg, path, "num_hidden_layers"),
        "experts": experts, "topk": 0, "moe_intermediate": 0, "shared_intermediate": 0, "dense_layers": True, "mla": None,
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    if family.startswith("deepseek") and cfg.get("kv_lora_rank"):
        rope, nope, v = (_int(cfg, path, k) for k in ("qk_rope_head_dim", "qk_nope_head_dim", "v_head_dim"))
        m["mla"] = {"q_lora": _int(cfg, path, "q_lora_rank", False) or 0, "kv_lora": _int(cfg, path, "kv_lora_rank"), "rope": rope, "nope": nope, "v": v}
        m["kv_heads"], m["head_dim"], m["v_head_dim"] = heads, nope + rope, v
    if experts:
        m["topk"] = _int(cfg, path, "num_experts_per_tok", False) or _int(cfg, path, "experts_per_token", False)
        if not m["topk"]:
            raise ConfigError(f"{path}: field 'num_experts_per_tok' is missing; expected an integer for a MoE model")
        m["moe_intermediate"] = _int(cfg, path, "moe_intermediate_size", False) or m["intermediate"]
        shared = _int(cfg, path, "n_shared_experts", False) or 0
        m["shared_intermediate"] = (_int(cfg, path, "shared_expert_intermediate_size", False) or 0) or shared * m["moe_intermediate"]
        # Dense FFN layers exist only where the family says so (DeepSeek's first_k_dense_replace, Qwen's mlp_only_layers/step).
        m["dense_layers"] = bool((_int(cfg, path, "first_k_dense_replace", False) or 0) > 0
                                 or cfg.get("mlp_only_layers") or (_int(cfg, path, "decoder_sparse_step", False) or 1) > 1)
    if not experts and not m["intermediate"]:
        raise ConfigError(f"{path}: field 'intermediate_size' is missing; expected an integer")
    return m
