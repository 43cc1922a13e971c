using System.CommandLine;
using System.Globalization;
using TraceReplay.Reproductions.LayeredPrefill;
using TraceReplay.Reproductions.MlaMoe;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay reproduce</c>: the seed papers' results, recomputed from TraceReplay's own models.</summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        Command reproduce = CommandBuilder.Create("reproduce",
            "Recompute the seed papers' results from TraceReplay's own models (docs/reproductions/).",
            [],
            [CreateMlaMoe(), CreateLayeredPrefill()]);
        return reproduce;
    }

    private static Command CreateMlaMoe()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out/reproduce/mla-moe" };
        return CommandBuilder.Create("mla-moe",
            "Arithmetic intensity of MHA/GQA/MLA attention (DeepSeek-R1, Llama-3-70B, GPT-3-175B) at several batches and " +
            "contexts, the MoE batch needed to reach the ridge point on A100/H100/H200/B200, and DeepSeek-R1's capacity-limited " +
            "batch and TPOT lower bound on 32 accelerators (arXiv 2507.15465). Writes mla-moe.md, mla-moe.json and PNG/SVG " +
            "figures.",
            [
                "tracereplay reproduce mla-moe",
                "tracereplay reproduce mla-moe -o docs/reproductions/mla-moe",
            ],
            [output],
            parse =>
            {
                string dir = parse.GetValue(output)!;
                IReadOnlyList<string> files = MlaMoeReport.Write(dir);
                Console.WriteLine(File.ReadAllText(files[0]));
                foreach (string f in files)
                {
                    Console.WriteLine($"wrote {f}");
                }
                return 0;
            });
    }

    private static Command CreateLayeredPrefill()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out/reproduce/layered-prefill" };
        var quick = new Option<bool>("--quick") { Description = "Fewer rates and requests (a few minutes on 2 cores); the same models, every claim still checked" };
        var lengths = new Option<string?>("--lengths") { Description = "Folder with the ShareGPT and arXiv length files (default: the repository's traces/lengths)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Replays run at once (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var masked = CommonOptions.MaskedPairs(
            "Prefill attention's causally masked pairs: as-profiled (the calibrated cost; default) or skipped (what-if: an ideal causal kernel that computes only the diagonal tiles)");
        return CommandBuilder.Create("layered-prefill",
            "Layered against chunked prefill (arXiv 2510.08055, BACKGROUND.md section 8): Qwen3-30B-A3B and GPT-OSS-20B on 2x " +
            "H100 (TP 2), chunked prefill (512-token budget) against layered prefill (8192-token cohorts, group cap 16 / 12), " +
            "ShareGPT and arXiv lengths with Poisson arrivals at the paper's rates and SLOs, a dense control (Qwen3-8B), and " +
            "one 8192-token prompt prefilled alone at chunk sizes 512-8192. MoE routing uses a hot-set skew fitted to the " +
            "paper's measured expert coverage. Calibrated H100 cost model; energy is an estimate. Writes " +
            "runs/<run>/{requests,iterations}.parquet and summary.json, layered-prefill.md, layered-prefill.json and PNG/SVG " +
            "figures.",
            [
                "tracereplay reproduce layered-prefill",
                "tracereplay reproduce layered-prefill --quick -o out/lp-quick",
                "tracereplay reproduce layered-prefill --masked-pairs skipped -o out/lp-skipped",
            ],
            [output, quick, lengths, jobs, masked],
            parse =>
            {
                string dir = parse.GetValue(output)!;
                LayeredPrefillConfig config = (parse.GetValue(quick) ? LayeredPrefillConfig.Quick() : LayeredPrefillConfig.Full()) with
                {
                    MaskedPairs = CommonOptions.MaskedPairsOf(parse.GetValue(masked)!),
                };
                string lengthsDir = parse.GetValue(lengths) ?? LengthsFolder.Locate();
                int n = GridRunner.Specs(config).Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"layered-prefill ({config.Name}): {n} replays on {parse.GetValue(jobs)} cores, lengths from {lengthsDir}"));
                LayeredPrefillResult result = LayeredPrefillReproduction.Run(config, lengthsDir, dir, writeRuns: true, parse.GetValue(jobs), Console.WriteLine);
                string md = Path.Combine(dir, LayeredPrefillReproduction.MarkdownFile);
                Console.WriteLine();
                Console.WriteLine(File.ReadAllText(md));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n} replays + {result.SinglePrompt.Count} single-prompt runs in {result.WallS:F1} s wall (replay time summed over runs: {result.Runs.Sum(r => r.WallS):F1} s)"));
                Console.WriteLine($"wrote {md}, {LayeredPrefillReproduction.JsonFile}, figures and {LayeredPrefillReproduction.RunsFolder}/ under {dir}");
                return 0;
            });
    }
}
