using TraceReplay.Cli.Validation;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Cli.Tests.Validation;

public sealed class MeasuredReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-measured-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_silicon_csv_reads_every_row_with_its_deployment_workload_and_measurement()
    {
        MeasuredFile f = MeasuredFile.Read(MeasuredData.Cut, null);
        Assert.Equal(44, f.Points.Count);
        Assert.Equal(f.Points.Count, f.Cells.Count);
        MeasuredPoint p = f.Points[0];
        Assert.Equal(("moonshotai/Kimi-K2.5", "b200_sxm", 8, 1, 8, 1), (p.Model, p.Gpu, p.Tp, p.Pp, p.MoeTp, p.MoeEp));
        Assert.Equal((1024, 1024, 4), (p.Isl, p.Osl, p.Concurrency));
        Assert.Equal(("nvfp4", "nvfp4"), (p.GemmQuant, p.MoeQuant));
        Assert.Equal(74.14093125262298, p.TtftMs, 9);
        Assert.Equal(7.061564909699926, p.TpotMs, 9);
        Assert.All(f.Points, x => Assert.Null(x.Note));
        // Empty parallelism cells (Qwen3's attention_dp_size) read as 1.
        Assert.All(f.Points.Where(x => x.Model.StartsWith("Qwen/", StringComparison.Ordinal)), x => Assert.Equal(1, x.AttentionDp));
    }

    [Fact]
    public void A_bad_cell_becomes_that_rows_note_naming_file_line_and_field_and_the_other_rows_still_read()
    {
        string path = Path.Combine(_dir, "bad.csv");
        string[] lines = MeasuredData.CutLines;
        File.WriteAllLines(path, [lines[0], lines[1], MeasuredData.WithField(1, "isl", "many"), MeasuredData.WithField(2, "silicon_tpot_ms", "-3")]);
        MeasuredFile f = MeasuredFile.Read(path, null);
        Assert.Null(f.Points[0].Note);
        Assert.Contains("bad.csv:3", f.Points[1].Note);
        Assert.Contains("field 'isl': 'many' is not a positive integer", f.Points[1].Note);
        Assert.Contains("bad.csv:4", f.Points[2].Note);
        Assert.Contains("silicon_tpot_ms", f.Points[2].Note);
    }

    [Fact]
    public void A_missing_required_column_or_a_ragged_row_is_an_error_naming_it()
    {
        string path = Path.Combine(_dir, "nocol.csv");
        string[] lines = MeasuredData.CutLines;
        File.WriteAllLines(path, [lines[0].Replace("silicon_ttft_ms", "ttft", StringComparison.Ordinal), lines[1]]);
        var ex = Assert.Throws<InputException>(() => MeasuredFile.Read(path, null));
        Assert.Contains("missing column 'silicon_ttft_ms'", ex.Message);

        string ragged = Path.Combine(_dir, "ragged.csv");
        File.WriteAllLines(ragged, [lines[0], lines[1], "a,b,c"]);
        var ex2 = Assert.Throws<InputException>(() => MeasuredFile.Read(ragged, null));
        Assert.Contains("ragged.csv:3:", ex2.Message);
    }

    [Fact]
    public void A_vllm_bench_json_reads_concurrency_mean_lengths_and_measurements_with_the_given_deployment()
    {
        string json = Path.Combine(_dir, "run.json");
        File.WriteAllText(json, """
            {"date": "20250101-000000", "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B", "num_prompts": 320, "request_rate": "inf",
             "max_concurrency": 32, "duration": 60.5, "completed": 320, "total_input_tokens": 327680, "total_output_tokens": 81920,
             "request_throughput": 5.29, "mean_ttft_ms": 61.2, "median_ttft_ms": 55.0, "mean_tpot_ms": 9.8, "mean_itl_ms": 9.8}
            """);
        MeasuredFile f = MeasuredFile.Read(json, new VllmBenchJsonReader.Deployment("meta-llama/Llama-3.1-8B", "h200_sxm", 1));
        MeasuredPoint p = Assert.Single(f.Points);
        Assert.Null(p.Note);
        Assert.Equal((1024, 256, 32, 320), (p.Isl, p.Osl, p.Concurrency, p.NumRequests!.Value));
        Assert.Equal((61.2, 9.8), (p.TtftMs, p.TpotMs));
        Assert.Equal(VllmBenchJsonReader.Columns.Length, f.Cells[0].Length);
        Assert.Equal("h200_sxm", f.Cells[0][Array.IndexOf(VllmBenchJsonReader.Columns, "system")]);
    }

    [Fact]
    public void An_open_loop_vllm_run_is_noted_and_bad_json_or_a_missing_deployment_is_an_error()
    {
        string open = Path.Combine(_dir, "open.json");
        File.WriteAllText(open, """{"num_prompts": 100, "max_concurrency": null, "completed": 100, "total_input_tokens": 1000, "total_output_tokens": 1000, "mean_ttft_ms": 10, "mean_tpot_ms": 5}""");
        var d = new VllmBenchJsonReader.Deployment("meta-llama/Llama-3.1-8B", "h200_sxm", 1);
        Assert.Contains("open-loop", MeasuredFile.Read(open, d).Points[0].Note);

        string broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{\n \"num_prompts\": ,\n}");
        var ex = Assert.Throws<InvalidDataException>(() => MeasuredFile.Read(broken, d));
        Assert.Contains("broken.json: line 2", ex.Message);
        Assert.Throws<ArgumentException>(() => MeasuredFile.Read(open, null));
    }
}
