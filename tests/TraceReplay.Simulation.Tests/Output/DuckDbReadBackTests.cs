using DuckDB.NET.Data;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Output;

/// <summary>Our Parquet read back by an independent implementation (DuckDB, C++), checked against the summary.</summary>
public sealed class DuckDbReadBackTests
{
    [Fact]
    public void DuckDb_reads_the_replay_outputs_and_agrees_with_the_summary()
    {
        using var dir = new TempDir();
        List<RequestRecord> requests = Replays.Faster(Replays.AzureConv(200), 2);
        requests.Add(new RequestRecord(777_777, requests[^1].ArrivalNs, 50, 0));
        ReplaySummary s = Replays.Run(Replays.Qwen("layered"), requests, dir.Path);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        string req = dir[ReplayOutputSink.RequestsFile].Replace("'", "''", StringComparison.Ordinal);
        string its = dir[ReplayOutputSink.IterationsFile].Replace("'", "''", StringComparison.Ordinal);
        object[] r = Row(db, $"SELECT count(*), count(*) FILTER (WHERE status = 'completed'), sum(output_tokens) FILTER (WHERE status = 'completed')::BIGINT, " +
            $"count(*) FILTER (WHERE status = 'rejected' AND ttft_s IS NULL AND reject_reason = 'no_output_tokens'), sum(ttft_s) FROM '{req}'");
        Assert.Equal(s.Requests, Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(s.Completed, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(s.GeneratedTokens, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(s.TtftMeanS * s.Completed, Convert.ToDouble(r[4], System.Globalization.CultureInfo.InvariantCulture), 1e-9);

        object[] i = Row(db, $"SELECT count(*), sum(sampled_tokens)::BIGINT, sum(hbm_expert_weight_bytes), max(layer_groups) FROM '{its}'");
        Assert.Equal(s.Iterations, Convert.ToInt64(i[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(s.GeneratedTokens, Convert.ToInt64(i[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(s.HbmBytesExpertWeights, Convert.ToDouble(i[2], System.Globalization.CultureInfo.InvariantCulture), s.HbmBytesExpertWeights * 1e-12);
        Assert.True(Convert.ToInt32(i[3], System.Globalization.CultureInfo.InvariantCulture) > 1);
    }

    private static object[] Row(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
