namespace TraceReplay.Reports.Report;

/// <summary>A paragraph of plain text; `code` spans are kept.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;
