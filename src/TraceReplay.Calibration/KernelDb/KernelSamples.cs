using System.Globalization;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// Turns measured-kernel rows into fitting samples: each row's operator is rebuilt with Core's formulas (the same
/// FLOPs and bytes the replay hands the cost model), keyed by its family (<see cref="KernelFamilies"/>) and grouped for
/// the held-out evaluation. Rows the tool cannot express (a dtype it does not model) are returned with a reason,
/// never dropped: rows read = samples + unexpressed.
/// </summary>
public static class KernelSamples
{
    public sealed record Result(List<KernelSample> Samples, List<(int Row, string Reason)> Unexpressed);

    public static Result From(KernelTable t, string sourceName)
    {
        var samples = new List<KernelSample>(t.Rows.Count);
        var skipped = new List<(int, string)>();
        for (int r = 0; r < t.Rows.Count; r++)
        {
            if (TryRow(t, r, sourceName, out KernelSample s, out string? why))
            {
                samples.Add(s);
            }
            else
            {
                skipped.Add((r, why!));
            }
        }
        return new Result(samples, skipped);
    }

    /// <summary>One row; false with a reason when the row is well-formed but not expressible. Malformed rows throw.</summary>
    public static bool TryRow(KernelTable t, int r, string sourceName, out KernelSample sample, out string? why)
    {
        double us = t.LatencyUs(r);
        string source = $"{sourceName}:{t.Where(r)}";
        sample = default;
        why = null;
        switch (t.Layout)
        {
            case KernelTableLayout.Gemm:
            {
                if (!Dtype(t, r, "gemm_dtype", out DType d, out why))
                {
                    return false;
                }
                long m = t.Long(r, "m"), n = t.Long(r, "n"), k = t.Long(r, "k");
                Operator op = Operator.Gemm(OpKind.OutProj, 0, m, k, n, d.BytesPerElement(), DType.Bf16.BytesPerElement(), 1, d);
                sample = Make(op, KernelFamilies.Gemm(d), Inv($"n={n} k={k}"), us, source, m, "");
                return true;
            }
            case KernelTableLayout.Attention:
                return Attention(t, r, us, source, out sample, out why);
            case KernelTableLayout.Moe:
                return Moe(t, r, us, source, out sample, out why);
            case KernelTableLayout.CustomAllReduce:
            {
                if (!Dtype(t, r, "allreduce_dtype", out DType d, out why))
                {
                    return false;
                }
                string backend = t.String(r, "backend");
                if (backend is not ("vllm_graph" or "vllm_eager"))
                {
                    why = $"backend '{backend}' is not modelled (vllm_graph, vllm_eager)";
                    return false;
                }
                int gpus = (int)t.Long(r, "num_gpus", 2);
                double bytes = t.Long(r, "message_size") * d.BytesPerElement();
                sample = Make(VidurShape.AllReduce(bytes, gpus), KernelFamilies.AllReduce(backend), Inv($"gpus={gpus}"), us, source, bytes, "");
                return true;
            }
            case KernelTableLayout.Nccl:
            {
                string dtype = t.String(r, "nccl_dtype");
                double bytesPer = dtype switch { "half" or "bfloat16" or "float16" => 2, "int8" or "fp8" => 1, "float" or "float32" => 4, _ => 0 };
                if (bytesPer == 0)
                {
                    why = $"nccl_dtype '{dtype}' is not modelled (half, bfloat16, int8, float)";
                    return false;
                }
                string collective = t.String(r, "op_name");
                int gpus = (int)t.Long(r, "num_gpus", 2);
                double bytes = t.Long(r, "message_size") * bytesPer;
                sample = Make(VidurShape.AllReduce(bytes, gpus), KernelFamilies.Nccl(collective), Inv($"gpus={gpus}"), us, source, bytes, "");
                return true;
            }
            default:
                throw new InvalidOperationException($"layout {t.Layout}");
        }
    }

    private static bool Attention(KernelTable t, int r, double us, string source, out KernelSample sample, out string? why)
    {
        sample = default;
        string kind = t.String(r, "op_name");
        bool prefill = kind == "context_attention";
        if (!prefill && kind != "generation_attention")
        {
            why = $"op_name '{kind}' is not an attention kernel this tool models (context_attention, generation_attention)";
            return false;
        }
        if (!Dtype(t, r, "kv_cache_dtype", out DType kv, out why))
        {
            return false;
        }
        if (t.Has("beam_width") && t.Text(r, "beam_width") is { Length: > 0 } bw && bw != "1")
        {
            why = $"beam_width {bw} is not modelled (1)";
            return false;
        }
        int batch = (int)t.Long(r, "batch_size"), isl = (int)t.Long(r, "isl"), heads = (int)t.Long(r, "num_heads");
        int kvHeads = (int)t.Long(r, "num_key_value_heads"), headDim = (int)t.Long(r, "head_dim");
        int step = (int)t.Long(r, "step", 0);
        if (heads % kvHeads != 0)
        {
            throw t.Bad(r, "num_key_value_heads", $"a divisor of num_heads ({heads})", kvHeads.ToString(CultureInfo.InvariantCulture));
        }
        ModelSpec spec = VidurShape.Spec(heads * headDim, heads, kvHeads, headDim, 1) with { KvDtype = kv };
        // Prefill: fresh prompts of isl tokens (no cached prefix). Decode: one new token over isl + step cached ones.
        Operator op = prefill ? VidurShape.Attention(spec, 1, prefill: true, batch, isl, 0) : VidurShape.Attention(spec, 1, prefill: false, batch, 0, isl + step);
        string group = Inv($"q={heads} kv={kvHeads} d={headDim}");
        sample = Make(op, KernelFamilies.Attention(prefill, kv), group, us, source, prefill ? (double)batch * isl : isl + step, "");
        return true;
    }

    private static bool Moe(KernelTable t, int r, double us, string source, out KernelSample sample, out string? why)
    {
        sample = default;
        if (!Dtype(t, r, "moe_dtype", out DType d, out why))
        {
            return false;
        }
        string distribution = t.String(r, "distribution");
        if (!MoeTableRouting.IsKnown(distribution))
        {
            why = $"distribution '{distribution}' is not modelled (balanced, power_law_<alpha>)";
            return false;
        }
        int hidden = t.Int(r, "hidden_size"), inter = t.Int(r, "inter_size"), topK = t.Int(r, "topk");
        int experts = t.Int(r, "num_experts", max: MoeTableRouting.MaxExperts), tp = t.Int(r, "moe_tp_size"), ep = t.Int(r, "moe_ep_size");
        long tokens = t.Long(r, "num_tokens");
        if (topK > experts)
        {
            throw t.Bad(r, "topk", $"at most num_experts ({experts})", topK.ToString(CultureInfo.InvariantCulture));
        }
        if (tokens > long.MaxValue / topK)
        {
            throw t.Bad(r, "num_tokens", $"at most {long.MaxValue / topK} (num_tokens x topk must fit in 64 bits)", tokens.ToString(CultureInfo.InvariantCulture));
        }
        (long assignments, double hit) = MoeTableRouting.Local(tokens, experts, topK, ep, distribution);
        if (assignments == 0)
        {
            why = "no token reaches the timed GPU's experts";
            return false;
        }
        var moe = new MoeSpec(experts, topK, inter);
        Operator op = Operator.FusedMoe(0, tokens, assignments, hit, hidden, inter / tp, moe.ParamsPerExpert(hidden) / (double)tp, d, DType.Bf16.BytesPerElement(), tp);
        string group = Inv($"h={hidden} ffn={inter} E={experts} k={topK} tp={tp} ep={ep}");
        sample = Make(op, KernelFamilies.Moe(d), group, us, source, tokens, distribution);
        return true;
    }

    private static bool Dtype(KernelTable t, int r, string column, out DType d, out string? why)
    {
        string text = t.String(r, column);
        why = DTypes.TryParse(text, out d) ? null : $"{column} '{text}' is not a dtype this tool models ({DTypes.Names})";
        return why is null;
    }

    private static KernelSample Make(Operator op, string family, string group, double us, string source, double work, string variant) =>
        new(new ProfileSample(op, family, group, us, source), work, variant);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
