namespace TraceReplay.Reports.Report;

/// <summary>A plot saved as plots/NAME.png and plots/NAME.svg; the SVG text is inlined in report.html.</summary>
public sealed record FigureBlock(string Name, string Caption, string Svg) : ReportBlock
{
    /// <summary>Saves <paramref name="plot"/> under <paramref name="plotsDir"/> (<see cref="PlotFile"/>) and returns the block that shows it.</summary>
    public static FigureBlock Save(ScottPlot.Plot plot, string plotsDir, string name, string caption) =>
        new(name, caption, PlotFile.Save(plot, plotsDir, name));
}
