using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Core.Analysis;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay analyze intensity</c>: per-operator arithmetic intensity against the GPU's ridge point.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        Command analyze = CommandBuilder.Create("analyze",
            "Analytic views of a model on a GPU (no trace needed).",
            [],
            [CreateIntensity()]);
        return analyze;
    }

    private static Command CreateIntensity()
    {
        Option<string> model = CommonOptions.Model();
        Option<string> gpu = CommonOptions.Gpu();
        Option<int> tp = CommonOptions.Tp();
        var batch = new Option<int>("--batch", "-b") { Description = "Requests in the batch (B)", DefaultValueFactory = _ => 1 };
        var context = new Option<int>("--context", "-l") { Description = "Prompt length for prefill / cached tokens for decode (L)", DefaultValueFactory = _ => 4096 };
        var routing = new Option<string>("--routing") { Description = "MoE routing model: uniform | zipf:S", DefaultValueFactory = _ => "uniform" };
        Option<bool> json = CommonOptions.Json();
        return CommandBuilder.Create("intensity",
            "Per-operator FLOPs, HBM bytes and arithmetic intensity (FLOP/byte) of one layer of each kind, for a prefill of B " +
            "prompts of L tokens and a decode step of B requests with L cached tokens; the GPU's ridge point; for MoE models " +
            "the batch needed to reach it (ridge x E / k).",
            [
                "tracereplay analyze intensity --model llama-3-8b --gpu h100 --batch 32 --context 2048",
                "tracereplay analyze intensity --model deepseek-r1 --gpu h200 --batch 64 --context 8192 --tp 8 --json",
            ],
            [model, gpu, tp, batch, context, routing, json],
            parse =>
            {
                ModelSpec m = ModelCatalog.Resolve(parse.GetValue(model)!);
                GpuSpec g = GpuCatalog.Resolve(parse.GetValue(gpu)!);
                int b = Positive(parse.GetValue(batch), "--batch");
                int l = Positive(parse.GetValue(context), "--context");
                IRoutingModel? r = RoutingModels.Create(parse.GetValue(routing)!, m, seed: 0);
                IReadOnlyList<IntensityRow> rows = IntensityAnalyzer.Analyze(m, b, l, parse.GetValue(tp), r);
                var summary = new IntensitySummaryJson(m.Name, g.ShortName, parse.GetValue(tp), b, l, g.RidgePointFlopsPerByte,
                    IntensityAnalyzer.MoeRidgeBatch(m, g), AttentionCoreIntensity.DecodeScore(m, l), AttentionCoreIntensity.DecodeFused(m), m.KvBytesPerToken);
                if (parse.GetValue(json))
                {
                    // Infinite intensity (an operator that reads no HBM bytes) and a dense model's MoE ridge batch print as null.
                    CliJson.Print(new IntensityJson(summary, [.. rows.Select(x => new IntensityOperatorJson(x.Phase, x.LayerKind, x.Operator, x.Class, x.Flops, x.HbmBytes, x.FlopsPerByte))]),
                        CliJsonContext.Default.IntensityJson);
                    return 0;
                }
                Render(m, g, rows, summary.MoeRidgeBatchTokens, summary.AttentionDecodeScoreFlopsPerByte, summary.AttentionDecodeFusedFlopsPerByte, b, l, parse.GetValue(tp));
                return 0;
            });
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be a positive integer, got {value}");

    private static void Render(ModelSpec m, GpuSpec g, IReadOnlyList<IntensityRow> rows, double moeRidge, double score, double fused, int b, int l, int tp)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.Name)}[/] on [bold]{g.ShortName}[/], TP {tp}: prefill {b} x {l} tokens, decode {b} requests x {l} cached tokens (per GPU, per layer)");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("phase", "layer", "operator", "class", "FLOPs", "HBM bytes", "FLOP/B", "bound");
        foreach (IntensityRow r in rows)
        {
            string bound = r.Class == "all_reduce" ? "[green]network[/]" : r.FlopsPerByte >= g.RidgePointFlopsPerByte ? "[red]compute[/]" : "[blue]memory[/]";
            table.AddRow(r.Phase, r.LayerKind, r.Operator, r.Class, Units.Si(r.Flops, "FLOP"), Units.Si(r.HbmBytes, "B"),
                double.IsInfinity(r.FlopsPerByte) ? "-" : Units.Fixed(r.FlopsPerByte, 1), bound);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"ridge point ({g.ShortName}, BF16): [bold]{g.RidgePointFlopsPerByte:F0} FLOP/B[/]");
        AnsiConsole.MarkupLine($"decode core attention ({m.Attention.ToString().ToUpperInvariant()}{(m.Mla is null ? "" : ", absorbed")}): score GEMM {score:F1} FLOP/B (arXiv 2507.15465 definition), fused kernel {fused:F1} FLOP/B");
        AnsiConsole.MarkupLine($"KV cache: {Units.Si(m.KvBytesPerToken, "B")} per token ({m.KvBytesPerToken / 1024:F1} KiB)");
        if (!double.IsNaN(moeRidge))
        {
            AnsiConsole.MarkupLine($"MoE: expert GEMMs reach the ridge at about [bold]{moeRidge:F0} tokens[/] per MoE layer (ridge x E / k = {g.RidgePointFlopsPerByte:F0} x {m.Moe!.NumExperts} / {m.Moe.TopK})");
        }
    }
}
