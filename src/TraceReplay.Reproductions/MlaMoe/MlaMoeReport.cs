using System.Text;
using System.Text.Json;
using TraceReplay.Core.IO;
using TraceReplay.Reports.Text;
using TraceReplay.Reproductions.Output;

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>Writes the MLA/MoE analysis as markdown, JSON and figures into a folder.</summary>
public static class MlaMoeReport
{
    public static IReadOnlyList<string> Write(string outDir)
    {
        Directory.CreateDirectory(outDir);
        IReadOnlyList<AttentionIntensityRow> attention = MlaMoeAnalysis.AttentionIntensity();
        IReadOnlyList<MoeRidgeRow> ridge = MlaMoeAnalysis.MoeRidge();
        IReadOnlyList<CapacityBoundRow> capacity = MlaMoeAnalysis.CapacityBound();

        string md = Path.Combine(outDir, "mla-moe.md");
        AtomicFile.WriteAllText(md, Markdown(attention, ridge, capacity));
        string json = Path.Combine(outDir, "mla-moe.json");
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(new MlaMoeJson(attention, ridge, capacity), MlaMoeJsonContext.Default.MlaMoeJson));
        List<string> files = [md, json];
        files.AddRange(MlaMoeFigures.Write(outDir, attention, ridge));
        return files;
    }

    public static string Markdown(IReadOnlyList<AttentionIntensityRow> attention, IReadOnlyList<MoeRidgeRow> ridge, IReadOnlyList<CapacityBoundRow> capacity)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Decode attention intensity (FLOP/byte, BF16; batch-independent: every request reads its own KV)").AppendLine();
        var decode = new MarkdownTable(["model", "attention", .. MlaMoeAnalysis.Contexts.Select(l => $"score @ {l}"), .. MlaMoeAnalysis.Contexts.Select(l => $"fused @ {l}")]);
        foreach (var group in attention.Where(r => r.Phase == "decode" && r.Batch == MlaMoeAnalysis.Batches[0]).GroupBy(r => (r.Model, r.Attention)))
        {
            decode.Add([group.Key.Model, group.Key.Attention, .. group.Select(r => Fmt.Fixed(r.ScoreFlopsPerByte, 1)), .. group.Select(r => Fmt.Fixed(r.FusedFlopsPerByte, 1))]);
        }
        sb.Append(decode).AppendLine();
        sb.AppendLine("`score`: the score GEMM of one request, counting its inputs and score output (arXiv 2507.15465's definition). " +
            "`fused`: TraceReplay's fused decode kernel (FlashAttention/FlashMLA: K/V or latent read once, scores on chip, q/out counted).").AppendLine();

        sb.AppendLine("### Prefill attention intensity (fused kernel, FLOP/byte) by batch x context").AppendLine();
        var prefill = new MarkdownTable(["model", "batch", .. MlaMoeAnalysis.Contexts.Select(l => $"L={l}")]);
        foreach (var group in attention.Where(r => r.Phase == "prefill").GroupBy(r => (r.Model, r.Batch)))
        {
            prefill.Add([group.Key.Model, group.Key.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture), .. group.Select(r => Fmt.Fixed(r.FusedFlopsPerByte, 0))]);
        }
        sb.Append(prefill).AppendLine();

        sb.AppendLine("### MoE: decode tokens per layer needed to reach the ridge point").AppendLine();
        var moe = new MarkdownTable("model", "E (k)", "gpu", "ridge FLOP/B", "formula ridge x E / k", "TraceReplay graph");
        foreach (MoeRidgeRow r in ridge)
        {
            moe.Add(r.Model, $"{r.Experts} ({r.TopK})", r.Gpu, Fmt.Fixed(r.RidgeFlopsPerByte, 0), Fmt.Fixed(r.FormulaBatchTokens, 0), r.GraphBatchTokens < 0 ? "unreachable" : Fmt.Thousands(r.GraphBatchTokens));
        }
        sb.Append(moe).AppendLine();
        sb.AppendLine("The graph column counts what the formula leaves out: activation traffic of the grouped GEMM, " +
            "only the experts actually hit (fewer than E at small batch) and the served weight format (FP8 for DeepSeek, MXFP4 for GPT-OSS experts).").AppendLine();

        CapacityBoundRow first = capacity[0];
        sb.AppendLine($"### {first.Model} on {first.Accelerators} accelerators: capacity-limited batch and TPOT lower bound").AppendLine();
        sb.AppendLine($"Weights {Fmt.Gb(first.WeightBytes)} (as served), KV {Fmt.Fixed(first.KvBytesPerToken / 1024, 1)} KiB per token.").AppendLine();
        var cap = new MarkdownTable("gpu", "context", "max batch", "TPOT lower bound (ms)", "memory term (ms)", "compute term (ms)", "throughput bound (tok/s)");
        foreach (CapacityBoundRow r in capacity)
        {
            cap.Add(r.Gpu, Fmt.Thousands(r.ContextTokens), Fmt.Thousands(r.MaxBatch), Fmt.Fixed(r.TpotLowerBoundMs, 2), Fmt.Fixed(r.TpotMemoryMs, 2), Fmt.Fixed(r.TpotComputeMs, 2), Fmt.Thousands((long)r.ThroughputUpperBoundTokensPerS));
        }
        sb.Append(cap).AppendLine();
        return sb.ToString();
    }
}
