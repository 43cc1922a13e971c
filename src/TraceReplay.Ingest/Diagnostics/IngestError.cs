namespace TraceReplay.Ingest.Diagnostics;

/// <summary>One rejected input row: where it is, which field, what was expected, and the raw text.</summary>
/// <param name="Line">1-based physical line in the file (0 when the problem is the whole file).</param>
public readonly record struct IngestError(string File, long Line, string Field, string Reason, string Raw)
{
    public override string ToString() =>
        (Line > 0 ? $"{File}:{Line}: " : $"{File}: ") + (Field is "-" or "" ? "" : $"field '{Field}': ") + Reason;
}
