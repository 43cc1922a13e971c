namespace TraceReplay.Core.Models;

/// <summary>
/// Storage / kernel number formats of weights, activations and the KV cache. Names follow the kernel tables that
/// measure them (vLLM's <c>gemm_dtype</c> / <c>moe_dtype</c>): <c>fp8</c> is per-tensor scaled E4M3 (W8A8),
/// <c>fp8_block</c> is 128x128 block-scaled E4M3 (DeepSeek, Qwen3-FP8), <c>int4_wo</c> is int4 weight-only (AWQ/GPTQ,
/// W4A16), <c>mxfp4</c> is OCP MX FP4 weights with bf16 activations (GPT-OSS), <c>nvfp4</c> is NVIDIA FP4 W4A4.
/// </summary>
public enum DType
{
    Bf16,
    Fp16,
    Fp8,
    Fp8Block,
    Int4Wo,
    Mxfp4,
    Nvfp4,
}

public static class DTypes
{
    public static IReadOnlyList<DType> All { get; } = Enum.GetValues<DType>();

    /// <summary>
    /// HBM bytes per element including scales: FP8 block scales (one fp32 per 128x128) are negligible; int4 carries a
    /// bf16 scale per 128-element group (4.125 bits); MXFP4 an 8-bit scale per 32 (4.25 bits); NVFP4 an FP8 scale per
    /// 16 (4.5 bits).
    /// </summary>
    public static double BytesPerElement(this DType d) => d switch
    {
        DType.Bf16 or DType.Fp16 => 2,
        DType.Fp8 or DType.Fp8Block => 1,
        DType.Int4Wo => 4.125 / 8,
        DType.Mxfp4 => 4.25 / 8,
        DType.Nvfp4 => 4.5 / 8,
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    /// <summary>The canonical name (what <see cref="Parse"/> reads back and outputs print).</summary>
    public static string ToName(this DType d) => d switch
    {
        DType.Bf16 => "bf16",
        DType.Fp16 => "fp16",
        DType.Fp8 => "fp8",
        DType.Fp8Block => "fp8_block",
        DType.Int4Wo => "int4_wo",
        DType.Mxfp4 => "mxfp4",
        DType.Nvfp4 => "nvfp4",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    /// <summary>
    /// Tensor-core math a GEMM with these weights runs at: W8A8 FP8 at the FP8 rate, NVFP4 (W4A4) at the FP4 rate,
    /// weight-only formats (int4, MXFP4 W4A16) dequantize to bf16 and run at the bf16 rate.
    /// </summary>
    public static DType ComputeType(this DType weights) => weights switch
    {
        DType.Fp8 or DType.Fp8Block => DType.Fp8,
        DType.Nvfp4 => DType.Nvfp4,
        DType.Fp16 => DType.Fp16,
        _ => DType.Bf16,
    };

    public static string Names => string.Join(", ", All.Select(ToName));

    /// <summary>Reads a dtype name as the tools around us spell it (bfloat16, float8, w4a16_mxfp4, ...); case-insensitive.</summary>
    public static bool TryParse(string? text, out DType dtype)
    {
        DType? d = text?.Trim().ToLowerInvariant() switch
        {
            "bf16" or "bfloat16" => DType.Bf16,
            "fp16" or "float16" or "half" => DType.Fp16,
            "fp8" or "float8" or "fp8_e4m3" or "e4m3" or "w8a8_fp8" => DType.Fp8,
            "fp8_block" or "fp8-block" or "fp8_blockwise" => DType.Fp8Block,
            "int4_wo" or "int4" or "w4a16" or "awq" or "gptq" => DType.Int4Wo,
            "mxfp4" or "w4a16_mxfp4" => DType.Mxfp4,
            "nvfp4" or "fp4" or "w4a4_nvfp4" => DType.Nvfp4,
            _ => null,
        };
        dtype = d ?? default;
        return d is not null;
    }

    public static DType Parse(string text, string what) => TryParse(text, out DType d) ? d
        : throw new FormatException($"{what}: '{text}' is not a dtype; expected one of {Names}");
}
