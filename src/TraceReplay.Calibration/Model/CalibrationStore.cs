using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// Finds calibrations: the defaults embedded in this assembly (<c>calibration/&lt;gpu&gt;/calibration.json</c> of the
/// repository at build time), or a directory / file given by the user.
/// </summary>
public static class CalibrationStore
{
    private const string ResourcePrefix = "TraceReplay.Calibration.Defaults.";

    /// <summary>GPU short names with an embedded calibration, sorted.</summary>
    public static IReadOnlyList<string> Embedded { get; } = [.. typeof(CalibrationStore).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order(StringComparer.Ordinal)];

    public static GpuCalibration? TryEmbedded(string gpuShortName)
    {
        using Stream? s = typeof(CalibrationStore).Assembly.GetManifestResourceStream(ResourcePrefix + gpuShortName + ".json");
        if (s is null)
        {
            return null;
        }
        using var reader = new StreamReader(s);
        return GpuCalibration.Parse(reader.ReadToEnd(), $"embedded calibration '{gpuShortName}'");
    }

    /// <summary>A calibration folder (holding calibration.json), a calibration.json file, or a GPU name with an embedded default.</summary>
    public static GpuCalibration Load(string gpuOrPath)
    {
        if (Directory.Exists(gpuOrPath))
        {
            string file = Path.Combine(gpuOrPath, "calibration.json");
            return File.Exists(file) ? LoadUsable(file)
                : throw new FileNotFoundException($"{gpuOrPath}: no calibration.json in this folder (write one with `tracereplay calibrate`)");
        }
        if (File.Exists(gpuOrPath))
        {
            return LoadUsable(gpuOrPath);
        }
        string name = GpuCatalog.Resolve(gpuOrPath).ShortName;
        return TryEmbedded(name) ?? throw new KeyNotFoundException(
            $"no calibration for GPU '{name}'; embedded: {string.Join(", ", Embedded)}; or pass a folder written by `tracereplay calibrate`");
    }

    /// <summary>
    /// A user's calibration file, checked by building what the replay builds from it (its GPU, its description, the
    /// cost model), so a value that parses but cannot be used (an unknown GPU, a malformed curve) is an input error
    /// naming the file here, not a failure deep inside a replay.
    /// </summary>
    private static GpuCalibration LoadUsable(string file)
    {
        GpuCalibration c = GpuCalibration.Load(file);
        try
        {
            _ = new CalibratedCostModel(GpuCatalog.Resolve(c.Gpu), c).Name;
            _ = c.Describe();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or FormatException or OverflowException or NullReferenceException or InvalidDataException)
        {
            throw new InvalidDataException($"{file}: not a usable calibration (field 'gpu' = '{c.Gpu}' or a curve): {ex.Message}", ex);
        }
        return c;
    }
}
