using System.CommandLine;
using Parquet;
using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Parquet;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay inspect FILE.parquet</c>: rows, schema, time span, and kernel or request statistics.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A canonical kernel or request Parquet written by `tracereplay ingest`, or a replay's requests.parquet, iterations.parquet or summary.json, or a sweep.parquet" };
        var top = new Option<int>("--top") { Description = "How many kernels to list", DefaultValueFactory = _ => 15 };
        return CommandBuilder.Create("inspect",
            "Summarise a canonical Parquet: rows, schema and metadata, time span; kernels: top kernels by GPU time, time per op " +
            "class and the kernels left in class 'other'; requests: prompt/output lengths and arrival-rate statistics. Also " +
            "reads the tool's own outputs: a replay's requests.parquet (latency percentiles), iterations.parquet (iteration " +
            "time, batch, KV, HBM traffic) and summary.json (every figure with its unit), and a sweep's sweep.parquet (one line " +
            "per grid point).",
            [
                "tracereplay inspect kernels.parquet",
                "tracereplay inspect conv.parquet",
                "tracereplay inspect out/demo/sarathi/requests.parquet",
                "tracereplay inspect out/demo/sarathi/summary.json",
                "tracereplay inspect out/sweep/sweep.parquet",
            ],
            [file, top],
            parse =>
            {
                string path = parse.GetValue(file)!;
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: file not found");
                }
                if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    InspectOutputs.Summary(path);
                    return 0;
                }
                (IReadOnlyDictionary<string, string> meta, HashSet<string> columns) = PrintHeader(path).GetAwaiter().GetResult();
                if (meta.ContainsKey(Reports.Sweeps.SweepParquet.GridShaKey))
                {
                    InspectOutputs.Sweep(path);
                }
                else if (meta.ContainsKey(ReplayMetadataKey) && columns.Contains("ttft_s"))
                {
                    InspectOutputs.Requests(path);
                }
                else if (meta.ContainsKey(ReplayMetadataKey) && columns.Contains("duration_s"))
                {
                    InspectOutputs.Iterations(path);
                }
                else if (meta.ContainsKey(KernelColumns.SchemaVersionKey))
                {
                    InspectKernels.Print(KernelTable.ReadAsync(path).GetAwaiter().GetResult(), parse.GetValue(top));
                }
                else if (meta.ContainsKey(RequestColumns.SchemaVersionKey))
                {
                    InspectRequests.Print(path);
                }
                else
                {
                    throw new InvalidDataException($"{path}: no TraceReplay metadata in the file; expected a file written by `tracereplay ingest`, `replay` or `sweep`");
                }
                return 0;
            });
    }

    private const string ReplayMetadataKey = Simulation.Output.ReplayRunInfo.SchedulerKey;

    private static Task<(IReadOnlyDictionary<string, string> Metadata, HashSet<string> Columns)> PrintHeader(string path) =>
        ParquetInput.Guard(path, () => PrintHeaderCore(path));

    private static async Task<(IReadOnlyDictionary<string, string> Metadata, HashSet<string> Columns)> PrintHeaderCore(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path);
        long rows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            rows += group.RowCount;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {rows:N0} rows in {reader.RowGroupCount} row groups");
        AnsiConsole.MarkupLine("schema: " + Markup.Escape(string.Join(", ", reader.Schema.DataFields.Select(f => $"{f.Path}:{(f.ClrType == typeof(ReadOnlyMemory<char>) ? "String" : f.ClrType.Name)}{(f.IsNullable ? "?" : "")}"))));
        foreach ((string k, string v) in reader.CustomMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            AnsiConsole.MarkupLine($"  {Markup.Escape(k)} = {Markup.Escape(v)}");
        }
        return (reader.CustomMetadata, [.. reader.Schema.DataFields.Select(f => f.Name)]);
    }
}
