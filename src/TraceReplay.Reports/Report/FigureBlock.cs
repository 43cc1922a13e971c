namespace TraceReplay.Reports.Report;

/// <summary>A plot saved as plots/NAME.png and plots/NAME.svg; the SVG text is inlined in report.html.</summary>
public sealed record FigureBlock(string Name, string Caption, string Svg) : ReportBlock;
