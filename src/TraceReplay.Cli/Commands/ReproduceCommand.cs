using System.CommandLine;
using TraceReplay.Reproductions.MlaMoe;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay reproduce</c>: the seed papers' results, recomputed from TraceReplay's own models.</summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var reproduce = new Command("reproduce", "Recompute the seed papers' results from TraceReplay's own models (docs/reproductions/).");
        reproduce.Subcommands.Add(CreateMlaMoe());
        return reproduce;
    }

    private static Command CreateMlaMoe()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out/reproduce/mla-moe" };
        var command = new Command("mla-moe",
            "Arithmetic intensity of MHA/GQA/MLA attention (DeepSeek-R1, Llama-3-70B, GPT-3-175B) at several batches and contexts, " +
            "the MoE batch needed to reach the ridge point on A100/H100/H200/B200, and DeepSeek-R1's capacity-limited batch and TPOT lower " +
            "bound on 32 accelerators (arXiv 2507.15465). Writes mla-moe.md, mla-moe.json and PNG/SVG figures.\n\n" +
            "Examples:\n  tracereplay reproduce mla-moe\n  tracereplay reproduce mla-moe -o docs/reproductions/mla-moe");
        command.Options.Add(output);
        command.SetAction(parse =>
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
        return command;
    }
}
