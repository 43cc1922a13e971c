using System.Reflection;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>
/// calibration.json is a file users keep and diff: reading a shipped one and writing it back must give the same bytes
/// (field names, order and number formatting), and a curve missing a required coefficient is refused, not read as 0.
/// </summary>
public sealed class CalibrationJsonRoundTripTests
{
    public static TheoryData<string> Gpus() => [.. CalibrationStore.Embedded];

    [Theory]
    [MemberData(nameof(Gpus))]
    public void A_shipped_calibration_reads_and_writes_back_byte_identical(string gpu)
    {
        string shipped = Embedded(gpu);
        Assert.Equal(shipped, GpuCalibration.Parse(shipped, gpu).ToJson());
    }

    [Fact]
    public void A_stored_curve_carries_its_coefficients()
    {
        GpuCalibration c = CalibrationStore.TryEmbedded("h100")!;
        OperatorCalibration curve = c.Classes.Values.First();
        LatencyParams p = curve.Params;
        Assert.Equal(typeof(LatencyParams), p.GetType());
        Assert.Equal(curve.OverheadUs, p.OverheadUs);
        Assert.Equal(curve.SequenceExponent, p.SequenceExponent);
    }

    [Fact]
    public void A_curve_without_a_required_coefficient_is_refused()
    {
        string json = Embedded("h100");
        int at = json.IndexOf("\"overhead_us\":", StringComparison.Ordinal);
        Assert.True(at > 0);
        int end = json.IndexOf('\n', at);
        string damaged = json.Remove(at, end - at + 1);
        var ex = Assert.ThrowsAny<Exception>(() => GpuCalibration.Parse(damaged, "damaged.json"));
        Assert.Contains("overhead_us", ex.Message, StringComparison.Ordinal);
    }

    private static string Embedded(string gpu)
    {
        using Stream s = typeof(CalibrationStore).Assembly.GetManifestResourceStream($"TraceReplay.Calibration.Defaults.{gpu}.json")!;
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }
}
