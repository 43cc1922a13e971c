namespace TraceReplay.Reports.Report;

/// <summary>A table; numbers are already formatted (invariant culture).</summary>
public sealed record TableBlock(string[] Headers, IReadOnlyList<string[]> Rows) : ReportBlock;
