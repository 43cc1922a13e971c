namespace TraceReplay.Ingest.Diagnostics;

/// <summary>Row accounting of one ingest run; <see cref="Balanced"/> must hold (nothing silently dropped).</summary>
public sealed record IngestCounts(long RowsRead, long RowsWritten, long RowsRejected)
{
    public bool Balanced => RowsRead == RowsWritten + RowsRejected;

    public string Summary => $"rows read {RowsRead:N0} = rows written {RowsWritten:N0} + rows rejected {RowsRejected:N0}";
}
