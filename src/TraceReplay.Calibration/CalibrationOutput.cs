using TraceReplay.Calibration.Reports;

namespace TraceReplay.Calibration;

/// <summary>Writes <c>calibration.json</c> and <c>REPORT.md</c> into a folder, each atomically.</summary>
public static class CalibrationOutput
{
    public const string JsonFile = "calibration.json";
    public const string ReportFile = "REPORT.md";

    public static (string Json, string Report) Write(CalibrationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, JsonFile), report = Path.Combine(folder, ReportFile);
        result.Calibration.Save(json);
        Core.IO.AtomicFile.WriteAllText(report, ReportWriter.Render(result));
        return (json, report);
    }
}
