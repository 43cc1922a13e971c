using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests;

/// <summary>The shipped calibrations are what `calibrate` writes from shared/data, byte for byte.</summary>
public sealed class DeterminismTests
{
    [Fact]
    [Trait("Category", "SharedData")]
    public void Calibrating_a40_from_shared_data_reproduces_the_shipped_json()
    {
        CalibrationResult r = Calibrator.Calibrate(SharedData.VidurProfiles, GpuCatalog.Resolve("a40"));
        string shipped = File.ReadAllText(Path.Combine(SharedData.Repo, "calibration", "a40", "calibration.json"));
        Assert.Equal(shipped, r.Calibration.ToJson());
    }

    [Fact]
    public void Calibrating_twice_gives_identical_bytes()
    {
        using var tmp = new TempDir();
        GpuSpec gpu = GpuCatalog.Resolve("a100");
        SyntheticProfiles.Write(tmp.Path, gpu);
        string a = Calibrator.Calibrate(tmp.Path, gpu).Calibration.ToJson();
        string b = Calibrator.Calibrate(tmp.Path, gpu).Calibration.ToJson();
        Assert.Equal(a, b);
        Assert.DoesNotContain("time", a.Replace("time_stats", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }
}
