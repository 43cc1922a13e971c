using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>Header names (units split off) to column index and unit, with clear errors for missing columns.</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, (int Index, string Unit)> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _path;
    private readonly string _format;
    private readonly string[] _header;

    public HeaderMap(string[] header, string path, string format)
    {
        (_header, _path, _format) = (header, path, format);
        for (int i = 0; i < header.Length; i++)
        {
            (string name, string unit) = Units.Split(header[i]);
            _columns.TryAdd(name, (i, unit));
        }
    }

    public (int Index, string Unit)? Find(params string[] names)
    {
        foreach (string n in names)
        {
            if (_columns.TryGetValue(n, out var c))
            {
                return c;
            }
        }
        return null;
    }

    public (int Index, string Unit) Require(long line, params string[] names) =>
        Find(names) ?? throw new IngestException(new IngestError(_path, line, names[0],
            $"missing column '{names[0]}' for format {_format}; header is [{string.Join(",", _header)}]", string.Join(",", _header)));

    public static string Get(string[] fields, int index) => index < fields.Length ? fields[index] : "";
}
