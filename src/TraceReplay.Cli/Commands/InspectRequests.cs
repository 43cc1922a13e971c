using Parquet;
using Parquet.Schema;
using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Cli.Commands;

/// <summary>Request-file view of <c>inspect</c>: length percentiles, arrival span, mean rate, inter-arrival CV.</summary>
internal static class InspectRequests
{
    public static void Print(string path)
    {
        var prompts = new List<int>();
        var outputs = new List<int>();
        var arrivals = new List<long>();
        foreach (RequestRecord r in RequestParquetReader.ReadAsync(path).ToBlockingEnumerable())
        {
            prompts.Add(r.PromptTokens);
            outputs.Add(r.OutputTokens);
            arrivals.Add(r.ArrivalNs);
        }
        long failed = CountFailed(path).GetAwaiter().GetResult();
        AnsiConsole.MarkupLine($"replayable requests: {prompts.Count:N0} (failed, kept but not replayed: {failed:N0})");
        if (prompts.Count == 0)
        {
            return;
        }
        double spanS = (arrivals.Max() - arrivals.Min()) / 1e9;
        double[] gaps = [.. arrivals.Order().Zip(arrivals.Order().Skip(1), (a, b) => (b - a) / 1e9)];
        double mean = gaps.Length == 0 ? 0 : gaps.Average();
        double cv = mean > 0 ? Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Length) / mean : 0;
        AnsiConsole.MarkupLine($"time span: {Units.Fixed(spanS, 1)} s; mean rate: {Units.Fixed(spanS > 0 ? (prompts.Count - 1) / spanS : 0, 3)} req/s; inter-arrival CV: {Units.Fixed(cv, 2)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("tokens", "mean", "p50", "p90", "p99", "max");
        table.AddRow(Row("prompt (input)", prompts));
        table.AddRow(Row("output", outputs));
        AnsiConsole.Write(table);
    }

    private static string[] Row(string name, List<int> values)
    {
        int[] sorted = [.. values.Order()];
        string P(double q) => Core.Analysis.NearestRank.OfSorted<int>(sorted, q, 0).ToString("N0");
        return [name, Units.Fixed(values.Average(), 1), P(0.5), P(0.9), P(0.99), sorted[^1].ToString("N0")];
    }

    private static Task<long> CountFailed(string path) => ParquetInput.Guard(path, () => CountFailedCore(path));

    private static async Task<long> CountFailedCore(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path);
        DataField? field = reader.Schema.DataFields.FirstOrDefault(f => f.Name == RequestColumns.Failed);
        long failed = 0;
        for (int g = 0; field is not null && g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            bool[] values = new bool[ParquetInput.GroupRows(group.RowCount, path)];
            await group.ReadAsync<bool>(field, values);
            failed += values.Count(v => v);
        }
        return failed;
    }
}
