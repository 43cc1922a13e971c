using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Fitting;

/// <summary>The work terms of one operator on one GPU that the latency form needs, computed once per sample.</summary>
public readonly record struct OpFeatures(OpClass Class, double Flops, double WaveFlops, double Bytes, double Sequences, double LinkBytes, double BytesPerRow)
{
    /// <summary>GEMM tile edge (rows and columns of the output) assumed for wave quantization.</summary>
    public const int Tile = 128;

    public static OpFeatures Of(in Operator op, GpuSpec gpu)
    {
        OpClass c = op.Class;
        double wave = op.Flops;
        if (c is OpClass.Gemm or OpClass.MoeGemm && op.Tokens > 0 && op.OutFeatures > 0 && op.InFeatures > 0)
        {
            double tiles = Math.Ceiling(op.Tokens / (double)Tile) * Math.Ceiling(op.OutFeatures / (double)Tile);
            double waves = Math.Ceiling(tiles / gpu.SmCount);
            // FLOPs the SMs spend when every wave runs full 128x128 tiles; at least the operator's own FLOPs
            // (batched-head GEMMs carry heads in their feature counts).
            wave = Math.Max(op.Flops, waves * gpu.SmCount * 2.0 * Tile * Tile * op.InFeatures);
        }
        else if (c == OpClass.AttentionPrefill && op.Sequences > 0 && op.Tokens > 0)
        {
            // FlashAttention: one CTA per (128 query rows, query head, sequence); padded to whole waves.
            int heads = Math.Max(1, (int)Math.Round(op.Flops / Math.Max(op.AttendedPairs, 1) / 4 / 128));
            double rowsPerSeq = Math.Ceiling(op.Tokens / (double)op.Sequences);
            double tiles = Math.Ceiling(rowsPerSeq / Tile) * heads * op.Sequences;
            wave = op.Flops * Math.Ceiling(tiles / gpu.SmCount) * gpu.SmCount / tiles;
        }
        double link = 0;
        if (c == OpClass.AllReduce)
        {
            int n = Math.Max(op.TpDegree, 1);
            link = 2.0 * (n - 1) / n * op.CommBytes; // ring all-reduce: bytes each GPU sends
        }
        double sequences = c is OpClass.AttentionPrefill or OpClass.AttentionDecode ? Math.Max(op.Sequences, 1) : 0;
        // Rows processed in parallel: sequences for attention, tokens otherwise (GEMMs get no fill term: their
        // bytes per row fall as rows grow, which would make the fill term non-monotone).
        double rows = sequences > 0 ? sequences : Math.Max(op.Tokens, 1);
        // Weights (a norm's gamma) are read once per kernel, not per row: leaving them in would make bytes per row
        // fall as rows grow, and the latency with it.
        double rowBytes = op.Bytes.TotalBytes - op.Bytes.WeightBytes - op.Bytes.ExpertWeightBytes;
        double perRow = c is OpClass.Gemm or OpClass.MoeGemm or OpClass.AllReduce ? 0 : rowBytes / rows;
        return new OpFeatures(c, op.Flops, wave, op.Bytes.TotalBytes, sequences, link, perRow);
    }
}
