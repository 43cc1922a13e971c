namespace TraceReplay.Ingest.Diagnostics;

/// <summary>Row accounting of one ingest run; <see cref="Balanced"/> must hold (nothing silently dropped).</summary>
/// <param name="RowsRead">Data rows read (ServeGen: rate windows read).</param>
public sealed record IngestCounts(long RowsRead, long RowsWritten, long RowsRejected)
{
    /// <summary>Rows were generated (ServeGen windows -> requests), so read and written count different things.</summary>
    public bool Generated { get; init; }

    public long RowsFailed { get; init; }

    public bool Balanced => RowsRead == RowsWritten + RowsRejected;

    public string Summary => Generated
        ? $"windows read {RowsRead:N0} ({RowsRejected:N0} rejected); requests generated {RowsWritten:N0}"
        : $"rows read {RowsRead:N0} = rows written {RowsWritten:N0} + rows rejected {RowsRejected:N0}";
}
