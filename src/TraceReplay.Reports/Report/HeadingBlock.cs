namespace TraceReplay.Reports.Report;

/// <summary>A section heading (level 1-3).</summary>
public sealed record HeadingBlock(int Level, string Text) : ReportBlock;
