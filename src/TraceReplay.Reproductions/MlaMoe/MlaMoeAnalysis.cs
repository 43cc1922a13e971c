using TraceReplay.Core.Analysis;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>
/// The arithmetic-intensity analysis of arXiv 2507.15465, computed from TraceReplay's own models: attention
/// intensity per variant, the MoE batch needed to reach the ridge point, and the capacity-limited batch and TPOT
/// lower bound of a large MoE/MLA model on N accelerators.
/// </summary>
public static class MlaMoeAnalysis
{
    public static readonly int[] Batches = [1, 16, 64, 256];
    public static readonly int[] Contexts = [1024, 4096, 16384, 65536];
    public static readonly string[] AttentionModels = ["DeepSeek-R1", "Llama-3-70B", "GPT-3-175B"];
    public static readonly string[] MoeModels = ["DeepSeek-R1", "Qwen3-235B-A22B", "Qwen3-30B-A3B", "GPT-OSS-20B", "Mixtral-8x7B"];
    public static readonly string[] Gpus = ["a100", "h100", "h200", "b200"];

    public static IReadOnlyList<AttentionIntensityRow> AttentionIntensity()
    {
        var rows = new List<AttentionIntensityRow>();
        foreach (string name in AttentionModels)
        {
            ModelSpec m = ModelCatalog.Resolve(name);
            bool[] variants = m.Mla is null ? [true] : [true, false];
            foreach (bool absorbed in variants)
            {
                string attention = m.Mla is null ? m.Attention.ToString().ToUpperInvariant() : absorbed ? "MLA (absorbed)" : "MLA (un-absorbed)";
                foreach (int b in Batches)
                {
                    foreach (int l in Contexts)
                    {
                        rows.Add(new(m.Name, attention, "decode", b, l, AttentionCoreIntensity.DecodeScore(m, l, absorbed), FusedDecode(m, b, l, absorbed)));
                        if (absorbed)
                        {
                            rows.Add(new(m.Name, m.Mla is null ? attention : "MLA (prefill, un-absorbed)", "prefill", b, l, double.NaN, FusedPrefill(m, b, l)));
                        }
                    }
                }
            }
        }
        return rows;
    }

    public static IReadOnlyList<MoeRidgeRow> MoeRidge()
    {
        var rows = new List<MoeRidgeRow>();
        foreach (string name in MoeModels)
        {
            ModelSpec m = ModelCatalog.Resolve(name);
            foreach (string gpuName in Gpus)
            {
                GpuSpec g = GpuCatalog.Resolve(gpuName);
                rows.Add(new(m.Name, g.ShortName, g.RidgePointFlopsPerByte, m.Moe!.NumExperts, m.Moe.TopK,
                    IntensityAnalyzer.MoeRidgeBatch(m, g), GraphRidgeBatch(m, g)));
            }
        }
        return rows;
    }

    /// <summary>
    /// Decode on N accelerators holding the whole model: max batch B = (N C - W) / (L kv); per step each GPU must
    /// stream its share of weights and KV, so TPOT >= max((W_hit + B L kv) / (N BW), 2 P_active B / (N peak)).
    /// At the capacity limit the memory term is C / BW: one full read of HBM per token. Peak is FP8 for FP8-served
    /// weights on GPUs with FP8 tensor cores, else BF16.
    /// </summary>
    public static IReadOnlyList<CapacityBoundRow> CapacityBound(string modelName = "DeepSeek-R1", int accelerators = 32)
    {
        ModelSpec m = ModelCatalog.Resolve(modelName);
        var rows = new List<CapacityBoundRow>();
        foreach (string gpuName in Gpus)
        {
            GpuSpec g = GpuCatalog.Resolve(gpuName);
            foreach (int l in Contexts)
            {
                double free = accelerators * g.HbmCapacityBytes - m.WeightBytes;
                long maxBatch = free <= 0 ? 0 : (long)Math.Floor(free / (l * m.KvBytesPerToken));
                double weightsRead = WeightBytesRead(m, maxBatch);
                double memoryS = (weightsRead + maxBatch * (double)l * m.KvBytesPerToken) / (accelerators * g.HbmBytesPerS);
                // FP8-served weights run on FP8 tensor cores where the GPU has them (not A100).
                double peak = m.WeightBytesPerParam <= 1 && g.PeakFp8FlopsPerS > 0 ? g.PeakFp8FlopsPerS : g.PeakBf16FlopsPerS;
                double computeS = 2.0 * m.Parameters.Active * maxBatch / (accelerators * peak);
                double tpot = Math.Max(memoryS, computeS);
                rows.Add(new(m.Name, g.ShortName, accelerators, l, m.WeightBytes, m.KvBytesPerToken, maxBatch,
                    tpot * 1e3, memoryS * 1e3, computeS * 1e3, tpot > 0 ? maxBatch / tpot : 0));
            }
        }
        return rows;
    }

    /// <summary>Weights a decode step of <paramref name="batch"/> tokens must read: everything but the experts not hit.</summary>
    private static double WeightBytesRead(ModelSpec m, long batch)
    {
        if (m.Moe is not { } moe)
        {
            return m.WeightBytes;
        }
        double hit = new UniformRouting(moe.NumExperts, moe.TopK).ExpectedDistinctExperts(0, batch);
        double unread = (moe.NumExperts - hit) * m.ExpertWeightBytes * m.NumMoeLayers;
        return m.WeightBytes - unread;
    }

    private static double FusedDecode(ModelSpec m, int batch, int context, bool absorbed)
    {
        if (m.Mla is not null && !absorbed)
        {
            // Un-absorbed decode: the latent is expanded to per-head K and V, then attended like MHA.
            return AttentionCoreIntensity.DecodeFused(m, absorbedMla: false);
        }
        Operator op = AttentionOp(m, new BatchShape().AddDecodes(batch, context), OpKind.AttentionDecode);
        return op.Intensity;
    }

    private static double FusedPrefill(ModelSpec m, int batch, int context)
    {
        var shape = new BatchShape();
        for (int i = 0; i < batch; i++)
        {
            shape.AddPrefill(context);
        }
        return AttentionOp(m, shape, OpKind.AttentionPrefill).Intensity;
    }

    private static Operator AttentionOp(ModelSpec m, BatchShape shape, OpKind kind)
    {
        var ops = new List<Operator>();
        int layer = Enumerable.Range(0, m.NumLayers).First(i => m.SlidingWindowTokens[i] == 0);
        new OperatorGraph(m).Build(shape, new LayerRange(layer, layer + 1), false, false, ops);
        return ops.Single(o => o.Kind == kind);
    }

    private static int GraphRidgeBatch(ModelSpec m, GpuSpec g)
    {
        var graph = new OperatorGraph(m);
        int layer = m.MoeLayers.ToList().IndexOf(true);
        var ops = new List<Operator>();
        double Intensity(int batch)
        {
            ops.Clear();
            graph.Build(new BatchShape().AddDecodes(batch, 1), new LayerRange(layer, layer + 1), false, false, ops);
            return ops.Single(o => o.Kind == OpKind.MoeExperts).Intensity;
        }
        // Expert intensity rises monotonically with the batch (weights saturate, FLOPs keep growing): bisect.
        int lo = 1, hi = 1 << 22;
        if (Intensity(hi) < g.RidgePointFlopsPerByte)
        {
            return -1;
        }
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (Intensity(mid) >= g.RidgePointFlopsPerByte)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
