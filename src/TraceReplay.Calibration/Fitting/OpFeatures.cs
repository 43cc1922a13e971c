using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Fitting;

/// <summary>The work terms of one operator on one GPU that the latency form needs, computed once per sample.</summary>
/// <param name="WaveFlops">Prefill attention: FLOPs padded to whole waves of 128-row CTAs; else the raw FLOPs.</param>
/// <param name="TileWork">GEMMs: per candidate tile (<see cref="Tiles"/>), FLOPs padded to whole tiles and whole waves; else null.</param>
/// <param name="FullFlops">Prefill attention: FLOPs of the full (unmasked) chunk x context rectangle; else the raw FLOPs.</param>
/// <param name="DiagonalFraction">
/// Prefill attention: fraction of the masked pairs that even a causal kernel pays, because it computes the diagonal
/// (query block, key block) tiles whole (128 x 128 tiles); 0 otherwise.
/// </param>
/// <param name="KvUnits">Decode attention: KV heads per sequence in units of one bf16 head of 128 (K+V bytes per token / 512); 1 otherwise.</param>
/// <param name="PeakFlopsPerS">Tensor-core peak for the operator's math (<see cref="GpuSpec.PeakFlopsFor"/> of its dtype's compute type).</param>
public readonly record struct OpFeatures(OpClass Class, double Flops, double WaveFlops, double Bytes, double Sequences, double LinkBytes, double BytesPerRow,
    double[]? TileWork = null, double FullFlops = 0, double DiagonalFraction = 0, double PeakFlopsPerS = 0, double KvUnits = 1)
{
    /// <summary>Prefill attention CTA rows (FlashAttention's 128-query-row blocks).</summary>
    public const int Tile = 128;

    /// <summary>Decode attention: K+V bytes per token of one KV-head unit (a bf16 head of 128 dims).</summary>
    public const int KvUnitBytes = 512;

    /// <summary>
    /// Output tiles (rows x columns) cuBLAS/CUTLASS and vLLM's Triton fused-MoE kernel pick from, with their relative
    /// arithmetic intensity per shared-memory byte (mn / (m + n), normalised to 128x256): smaller tiles pad less but
    /// reuse operands less. The 16- and 32-row tiles are what the fused-MoE kernel runs when each expert sees few tokens.
    /// </summary>
    public static readonly (int M, int N, double Intensity)[] Tiles =
    [
        (16, 128, 14.222 / 85.333), (32, 128, 25.6 / 85.333),
        (64, 64, 32.0 / 85.333), (64, 128, 42.667 / 85.333), (128, 64, 42.667 / 85.333),
        (128, 128, 64.0 / 85.333), (128, 256, 1.0), (256, 128, 1.0),
    ];

    public static OpFeatures Of(in Operator op, GpuSpec gpu)
    {
        OpClass c = op.Class;
        double wave = op.Flops, full = op.Flops, diagonal = 0;
        double[]? tileWork = null;
        if (c == OpClass.MoeGemm && op.RoutedTokens > 0 && op.ExpertsHit > 0 && op.OutFeatures > 0 && op.InFeatures > 0)
        {
            tileWork = MoeTileWork(op, gpu);
        }
        else if (c is OpClass.Gemm or OpClass.MoeGemm && op.Tokens > 0 && op.OutFeatures > 0 && op.InFeatures > 0)
        {
            tileWork = new double[Tiles.Length];
            for (int t = 0; t < Tiles.Length; t++)
            {
                double tiles = Math.Ceiling(op.Tokens / (double)Tiles[t].M) * Math.Ceiling(op.OutFeatures / (double)Tiles[t].N);
                double waves = Math.Ceiling(tiles / gpu.SmCount);
                // FLOPs the SMs spend when every wave runs full tiles; at least the operator's own FLOPs
                // (batched-head GEMMs carry heads in their feature counts).
                tileWork[t] = Math.Max(op.Flops, waves * gpu.SmCount * 2.0 * Tiles[t].M * Tiles[t].N * op.InFeatures);
            }
        }
        else if (c == OpClass.AttentionPrefill && op.Sequences > 0 && op.Tokens > 0)
        {
            // FlashAttention: one CTA per (128 query rows, query head, sequence); padded to whole waves.
            int heads = Math.Max(1, (int)Math.Round(op.Flops / Math.Max(op.AttendedPairs, 1) / 4 / 128));
            double rowsPerSeq = Math.Ceiling(op.Tokens / (double)op.Sequences);
            // Tiles counted continuously (rows / 128, not whole tiles per sequence): padded FLOPs = FLOPs per tile x whole
            // waves of tiles, both non-decreasing in the prompt, so the curve stays monotone at 128 -> 129 tokens (a whole
            // extra tile per head would halve the FLOPs per tile there).
            double tiles = rowsPerSeq / Tile * heads * op.Sequences;
            wave = op.Flops * Math.Ceiling(tiles / gpu.SmCount) * gpu.SmCount / tiles;
            // Unmasked rectangle: every query row against its sequence's whole context (equal-length sequences assumed).
            double rectPairs = op.Tokens * (double)op.ContextTokens / op.Sequences;
            full = Math.Max(op.Flops, op.AttendedPairs > 0 ? op.Flops * rectPairs / op.AttendedPairs : op.Flops);
            diagonal = DiagonalTileFraction(rowsPerSeq);
        }
        double link = 0;
        if (c == OpClass.AllReduce)
        {
            int n = Math.Max(op.TpDegree, 1);
            link = 2.0 * (n - 1) / n * op.CommBytes; // ring all-reduce: bytes each GPU sends
        }
        double sequences = c is OpClass.AttentionPrefill or OpClass.AttentionDecode ? Math.Max(op.Sequences, 1) : 0;
        // The fused MoE layer pays per token of the whole batch (routing, block alignment, permute and combine), also for
        // the assignments that expert parallelism sends to other GPUs' experts: its "sequences" are the tokens.
        double perTokenItems = c == OpClass.MoeGemm ? op.Tokens : sequences;
        // Rows processed in parallel: sequences for attention, tokens otherwise (GEMMs get no fill term: their
        // bytes per row fall as rows grow, which would make the fill term non-monotone).
        double rows = sequences > 0 ? sequences : Math.Max(op.Tokens, 1);
        sequences = perTokenItems;
        // Weights (a norm's gamma) are read once per kernel, not per row: leaving them in would make bytes per row
        // fall as rows grow, and the latency with it.
        double rowBytes = op.Bytes.TotalBytes - op.Bytes.WeightBytes - op.Bytes.ExpertWeightBytes;
        double perRow = c is OpClass.Gemm or OpClass.MoeGemm or OpClass.AllReduce ? 0 : rowBytes / rows;
        double units = 1;
        if (c == OpClass.AttentionDecode && op.Sequences > 0 && op.AttendedPairs > 0)
        {
            // The KV reads per KV-head unit (512 bytes of K+V per token: one bf16 head of 128): LatencyForm divides them
            // by sequences^SequenceExponent to get the bytes per parallel work item.
            units = Math.Max(1, op.Bytes.KvReadBytes / op.AttendedPairs / KvUnitBytes);
            perRow = op.Bytes.KvReadBytes / units;
        }
        // GEMMs and fused MoE at their weights' compute type; attention over an FP8 KV cache at the FP8 rate where the
        // GPU has it (FlashAttention-3 runs FP8 attention on Hopper and later); the rest at BF16 (their Dtype is bf16).
        double peak = gpu.PeakFlopsFor(op.Dtype.ComputeType());
        return new OpFeatures(c, op.Flops, wave, op.Bytes.TotalBytes, sequences, link, perRow, tileWork, full, diagonal, peak, units);
    }

    /// <summary>
    /// Fused MoE (gate/up GEMM hidden -> 2 x ffn, then down ffn -> hidden, per expert): each expert hit runs at least
    /// one row tile, and past that pads half a tile on average (its token count varies from step to step), so row
    /// tiles = max(hit, assignments / tile + hit / 2): non-decreasing in assignments and in experts hit, which an exact
    /// per-expert ceiling is not. The same tile serves both GEMMs; each GEMM's tiles are padded to whole waves.
    /// </summary>
    private static double[] MoeTileWork(in Operator op, GpuSpec gpu)
    {
        var work = new double[Tiles.Length];
        double hit = op.ExpertsHit, assignments = op.RoutedTokens;
        long h = op.InFeatures, ffn = op.OutFeatures;
        for (int t = 0; t < Tiles.Length; t++)
        {
            (int tm, int tn, _) = Tiles[t];
            double rowTiles = Math.Max(hit, assignments / tm + hit / 2);
            double upTiles = rowTiles * Math.Ceiling(2.0 * ffn / tn), downTiles = rowTiles * Math.Ceiling(h / (double)tn);
            double up = Math.Ceiling(upTiles / gpu.SmCount) * gpu.SmCount * 2.0 * tm * tn * h;
            double down = Math.Ceiling(downTiles / gpu.SmCount) * gpu.SmCount * 2.0 * tm * tn * ffn;
            work[t] = Math.Max(op.Flops, up + down);
        }
        return work;
    }

    /// <summary>
    /// A causal kernel over a chunk of <paramref name="chunk"/> new tokens computes, for each 128-row query block, every
    /// key up to the block's last row: pairs paid beyond the causal c(c+1)/2, over the c(c-1)/2 masked ones (0..1).
    /// The paid count never falls as the chunk grows, so FLOPs built from it stay monotone.
    /// </summary>
    public static double DiagonalTileFraction(double chunk)
    {
        if (chunk < 2)
        {
            return 0;
        }
        double paid = 0;
        for (double start = 0; start < chunk; start += Tile)
        {
            double end = Math.Min(start + Tile, chunk);
            paid += (end - start) * end;
        }
        double causal = chunk * (chunk + 1) / 2;
        return Math.Clamp((paid - causal) / (chunk * (chunk - 1) / 2), 0, 1);
    }

    /// <summary>
    /// GEMM FLOPs the SMs effectively spend: the candidate tile with the least padded work divided by its relative
    /// efficiency (intensity^exponent), as cuBLAS's heuristics roughly pick; min of non-decreasing terms stays monotone.
    /// </summary>
    public double TiledFlops(double exponent) => TiledFlops(TileFactors(exponent));

    /// <summary>Per tile, 1 / intensity^exponent (computed once per parameter set, not per sample, when fitting).</summary>
    public static double[] TileFactors(double exponent)
    {
        var f = new double[Tiles.Length];
        for (int t = 0; t < f.Length; t++)
        {
            f[t] = Math.Pow(Tiles[t].Intensity, -exponent);
        }
        return f;
    }

    public double TiledFlops(double[] tileFactors)
    {
        if (TileWork is null)
        {
            return WaveFlops;
        }
        double best = double.MaxValue;
        for (int t = 0; t < TileWork.Length; t++)
        {
            best = Math.Min(best, TileWork[t] * tileFactors[t]);
        }
        return best;
    }
}
