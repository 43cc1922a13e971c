using TraceReplay.Core.IO;

namespace TraceReplay.Calibration.Tests.Infrastructure;

public static class CsvRows
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        CsvTable t = CsvTable.Read(path);
        return [.. t.Rows.Select(r => t.Header.Select((h, i) => (h, r[i])).DistinctBy(x => x.h).ToDictionary(x => x.h, x => x.Item2))];
    }
}
