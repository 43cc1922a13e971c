using TraceReplay.Cli.Validation;

namespace TraceReplay.Cli.Tests.Validation;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Cells(string line) => line.Split(',');

    [Fact]
    public void Validate_replays_the_rows_and_writes_every_input_column_with_predictions_notes_and_a_report()
    {
        // Rows 1 (MiniMax fp8 b200, TP 4 / DP 4 / EP 16: not expressible), 3 (MiniMax fp8 b200 TP 2), 42 (Llama-3.1-8B FP8 h200).
        string input = MeasuredData.Rows(_dir, "points.csv", 2, 3, 42);
        string outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, CliApp.Run(["validate", "--measured", input, "-o", outDir]));
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "validation.csv"));
        string[] inputLines = File.ReadAllLines(input);
        Assert.Equal(inputLines.Length, lines.Length);
        Assert.Equal(inputLines[0] + ",pred_ttft_ms,pred_tpot_ms,pred_note,split", lines[0]);
        for (int i = 1; i < lines.Length; i++)
        {
            Assert.StartsWith(inputLines[i] + ",", lines[i], StringComparison.Ordinal); // every input cell kept as read
        }
        string[] header = Cells(lines[0]);
        int ttft = Array.IndexOf(header, "pred_ttft_ms"), tpot = Array.IndexOf(header, "pred_tpot_ms"), note = Array.IndexOf(header, "pred_note");
        Assert.Equal("", Cells(lines[1])[ttft]);
        Assert.Contains("unmodelled parallelism", Cells(lines[1])[note]);
        foreach (string row in lines.Skip(2))
        {
            string[] c = Cells(row);
            Assert.Equal("", c[note]);
            Assert.True(double.Parse(c[ttft], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.True(double.Parse(c[tpot], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        string md = File.ReadAllText(Path.Combine(outDir, "validation.md"));
        Assert.Contains("| all | 3 | 2 | 1 |", md);
        Assert.Contains("unmodelled parallelism: attention data parallel dp 4 | 1 |", md);
        Assert.Contains("## Goal per GPU", md);
        Assert.True(File.Exists(Path.Combine(outDir, "plots", ValidationPlots.Tpot + ".svg")));
    }

    [Fact]
    public void Validate_is_deterministic_and_counts_a_bad_row_instead_of_dropping_it()
    {
        string input = Path.Combine(_dir, "bad.csv");
        string[] cut = MeasuredData.CutLines;
        File.WriteAllLines(input, [cut[0], cut[43], MeasuredData.WithField(43, "batch_size", "lots")]);
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        Assert.Equal(0, CliApp.Run(["validate", "--measured", input, "-o", a]));
        Assert.Equal(0, CliApp.Run(["validate", "--measured", input, "-o", b]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "validation.csv")), File.ReadAllBytes(Path.Combine(b, "validation.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(a, "validation.md")), File.ReadAllText(Path.Combine(b, "validation.md")));
        string[] lines = File.ReadAllLines(Path.Combine(a, "validation.csv"));
        Assert.Contains("unreadable row (bad.csv:3): field 'batch_size': 'lots' is not a positive integer", lines[2]);
        Assert.Contains("| all | 2 | 1 | 1 |", File.ReadAllText(Path.Combine(a, "validation.md")));
    }

    [Fact]
    public void Validate_reads_a_folder_of_vllm_bench_json_results_with_the_deployment_from_the_options()
    {
        string runs = Path.Combine(_dir, "runs");
        Directory.CreateDirectory(runs);
        foreach ((string name, int c) in new[] { ("b.json", 4), ("a.json", 2) })
        {
            File.WriteAllText(Path.Combine(runs, name), $$"""
                {"backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B", "num_prompts": {{4 * c}}, "max_concurrency": {{c}}, "completed": {{4 * c}},
                 "total_input_tokens": {{512 * 4 * c}}, "total_output_tokens": {{32 * 4 * c}}, "request_throughput": 1.0, "mean_ttft_ms": 40.0, "mean_tpot_ms": 8.0}
                """);
        }
        string outDir = Path.Combine(_dir, "out");
        Assert.Equal(2, CliApp.Run(["validate", "--measured", runs, "-o", outDir])); // the JSON does not say where it ran
        Assert.Equal(0, CliApp.Run(["validate", "--measured", runs, "--model", "meta-llama/Llama-3.1-8B", "--gpu", "h200_sxm", "--tp", "1", "-o", outDir]));
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "validation.csv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("a.json,meta-llama/Llama-3.1-8B,2,8,", lines[1], StringComparison.Ordinal); // files in name order
        Assert.All(lines.Skip(1), l => Assert.Equal("", Cells(l)[^2])); // pred_note empty: both expressed
        Assert.Contains("| all | 2 | 2 | 0 |", File.ReadAllText(Path.Combine(outDir, "validation.md")));
    }

    [Fact]
    public void A_missing_file_or_column_exits_2_with_a_one_line_error()
    {
        Assert.Equal(2, CliApp.Run(["validate", "--measured", Path.Combine(_dir, "none.csv"), "-o", Path.Combine(_dir, "o")]));
        string input = Path.Combine(_dir, "nocol.csv");
        File.WriteAllLines(input, ["model_path,system", "x,h200_sxm"]);
        Assert.Equal(2, CliApp.Run(["validate", "--measured", input, "-o", Path.Combine(_dir, "o")]));
        Assert.Equal(2, CliApp.Run(["validate", "--measured", MeasuredData.Cut, "--scheduler", "fifo", "-o", Path.Combine(_dir, "o")]));
    }
}
