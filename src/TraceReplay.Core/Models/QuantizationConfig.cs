using System.Text.Json;

namespace TraceReplay.Core.Models;

/// <summary>
/// Weight formats from a Hugging Face config's <c>quantization_config</c>, as vLLM serves the checkpoint: dense
/// linear weights and routed-expert weights may differ (GPT-OSS keeps attention in bf16 and experts in MXFP4).
/// </summary>
internal static class QuantizationConfig
{
    public static (DType Weights, DType Experts) Read(ConfigReader c)
    {
        DType unquantized = c.String("torch_dtype") is "float16" ? DType.Fp16 : DType.Bf16;
        if (!c.Root.TryGetProperty("quantization_config", out JsonElement q) || q.ValueKind != JsonValueKind.Object)
        {
            return (unquantized, unquantized);
        }
        var qc = new ConfigReader(q, c.Source);
        string method = qc.String("quant_method")?.ToLowerInvariant() ?? "";
        switch (method)
        {
            case "fp8":
                DType fp8 = q.TryGetProperty("weight_block_size", out JsonElement b) && b.ValueKind == JsonValueKind.Array ? DType.Fp8Block : DType.Fp8;
                return (fp8, fp8);
            case "mxfp4":
                return (unquantized, DType.Mxfp4); // attention, router, embeddings and head stay unquantized
            case "awq" or "gptq" when (qc.Int("bits") ?? qc.Int("w_bit") ?? 4) == 4:
                return (DType.Int4Wo, DType.Int4Wo);
            case "modelopt":
                string algo = qc.String("quant_algo") ?? (q.TryGetProperty("quantization", out JsonElement inner) ? new ConfigReader(inner, c.Source).String("quant_algo") : null) ?? "";
                DType? m = algo.ToUpperInvariant() switch { "FP8" => DType.Fp8, "NVFP4" => DType.Nvfp4, _ => null };
                return m is { } md ? (md, md) : throw Unknown(c, $"modelopt quant_algo '{algo}'");
            case "compressed-tensors":
                return CompressedTensors(q, c) is { } ct ? (ct, ct) : throw Unknown(c, "compressed-tensors scheme");
            default:
                throw Unknown(c, $"quant_method '{method}'");
        }
    }

    /// <summary>compressed-tensors: the first config group's weight spec (num_bits, type, strategy).</summary>
    private static DType? CompressedTensors(JsonElement q, ConfigReader c)
    {
        if (!q.TryGetProperty("config_groups", out JsonElement groups) || groups.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (JsonProperty g in groups.EnumerateObject())
        {
            if (g.Value.ValueKind != JsonValueKind.Object || !g.Value.TryGetProperty("weights", out JsonElement w) || w.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var wr = new ConfigReader(w, c.Source);
            return (wr.Int("num_bits"), wr.String("type"), wr.String("strategy")) switch
            {
                (8, "float", "block") => DType.Fp8Block,
                (8, "float", _) => DType.Fp8,
                (4, "float", _) => DType.Nvfp4,
                (4, "int", _) => DType.Int4Wo,
                _ => null,
            };
        }
        return null;
    }

    private static InvalidDataException Unknown(ConfigReader c, string what) => new(
        $"{c.Source}: quantization_config: {what} is not modelled; expected fp8 (per-tensor or weight_block_size), mxfp4, awq/gptq 4-bit, " +
        "modelopt FP8/NVFP4 or compressed-tensors fp8/int4/fp4 (or remove quantization_config and give the formats with --weight-dtype)");
}
