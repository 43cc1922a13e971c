using System.Globalization;
using System.Text;

namespace TraceReplay.Benchmarks.Ingest;

/// <summary>Writes an Azure-2023-format request CSV of N rows (fixed seed) for ingest benchmarks and RSS measurements.</summary>
public static class AzureCsvGenerator
{
    public static void Write(string path, int rows, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTime(2023, 11, 16, 18, 15, 46, DateTimeKind.Utc);
        long ticks = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("TIMESTAMP,ContextTokens,GeneratedTokens");
        for (int i = 0; i < rows; i++)
        {
            ticks += (long)(-Math.Log(1.0 - random.NextDouble()) * 2_000_000); // ~5 req/s in 100 ns ticks
            writer.Write('\n');
            writer.Write(start.AddTicks(ticks).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(random.Next(1, 8192).ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(random.Next(1, 1024).ToString(CultureInfo.InvariantCulture));
        }
    }
}
