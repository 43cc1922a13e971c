using Parquet;
using Parquet.Schema;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Output;

/// <summary><c>requests.parquet</c>: one row per request (completed or rejected), in the order they ended.</summary>
internal sealed class RequestsParquetWriter(string path, IReadOnlyDictionary<string, string> metadata)
    : RowGroupedParquetWriter(path, s_schema, metadata)
{
    private static readonly ParquetSchema s_schema = new(
        new DataField<long>("request_id"), new DataField<int>("instance"), new DataField<string>("status"), new DataField<string>("reject_reason"),
        new DataField<long>("arrival_ns"), new DataField<long?>("first_token_ns"), new DataField<long?>("finish_ns"),
        new DataField<double>("arrival_s"), new DataField<double?>("first_token_s"), new DataField<double?>("finish_s"),
        new DataField<double?>("ttft_s"), new DataField<double?>("tbt_max_s"), new DataField<double?>("tbt_mean_s"), new DataField<double?>("tbt_p99_s"),
        new DataField<double?>("e2e_s"), new DataField<int>("prompt_tokens"), new DataField<int>("output_tokens"), new DataField<int>("generated_tokens"),
        new DataField<int>("preemptions"), new DataField<bool?>("slo_met"));

    private readonly RequestOutcome[] _rows = new RequestOutcome[RowGroupRows];

    public void Add(in RequestOutcome o) => _rows[NextRow()] = o;

    protected override void WriteGroup(ParquetRowGroupWriter g, DataField[] f, int n)
    {
        RequestOutcome[] r = _rows;
        Columns.Write(g, f[0], n, i => r[i].Id);
        Columns.Write(g, f[1], n, i => r[i].Instance);
        Columns.WriteStrings(g, f[2], n, i => r[i].Completed ? "completed" : "rejected");
        Columns.WriteStrings(g, f[3], n, i => r[i].RejectReason);
        Columns.Write(g, f[4], n, i => r[i].ArrivalNs);
        Columns.Write(g, f[5], n, i => r[i].Completed ? r[i].FirstTokenNs : (long?)null);
        Columns.Write(g, f[6], n, i => r[i].Completed ? r[i].FinishNs : (long?)null);
        Columns.Write(g, f[7], n, i => r[i].ArrivalNs * 1e-9);
        Columns.Write(g, f[8], n, i => r[i].Completed ? r[i].FirstTokenNs * 1e-9 : (double?)null);
        Columns.Write(g, f[9], n, i => r[i].Completed ? r[i].FinishNs * 1e-9 : (double?)null);
        Columns.Write(g, f[10], n, i => r[i].Completed ? r[i].TtftNs * 1e-9 : (double?)null);
        Columns.Write(g, f[11], n, i => r[i].MaxGapNs >= 0 ? r[i].MaxGapNs * 1e-9 : (double?)null);
        Columns.Write(g, f[12], n, i => double.IsNaN(r[i].MeanGapNs) ? (double?)null : r[i].MeanGapNs * 1e-9);
        Columns.Write(g, f[13], n, i => r[i].P99GapNs >= 0 ? r[i].P99GapNs * 1e-9 : (double?)null);
        Columns.Write(g, f[14], n, i => r[i].Completed ? r[i].E2eNs * 1e-9 : (double?)null);
        Columns.Write(g, f[15], n, i => r[i].PromptTokens);
        Columns.Write(g, f[16], n, i => r[i].OutputTokens);
        Columns.Write(g, f[17], n, i => r[i].GeneratedTokens);
        Columns.Write(g, f[18], n, i => r[i].Preemptions);
        Columns.Write(g, f[19], n, i => r[i].SloMet);
    }
}
