using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>Found by `make fuzz` (seed 20261203, calibration-json cases 2590, 3869, 14209): values that parse but cannot be used.</summary>
public sealed class CalibrationFileErrorTests
{
    private static string Shipped() => CalibrationStore.TryEmbedded("h100")!.ToJson();

    [Theory]
    [InlineData("\"gpu\": \"h100\"", "\"gpu\": null", "field 'gpu': expected a value, got null")]
    [InlineData("\"gpu\": \"h100\"", "\"gpu\": \"h18000000000000\"", "not a usable calibration (field 'gpu' = 'h18000000000000'")]
    [InlineData("\"tool_version\": \"", "\"tool_version\": null, \"x\": \"", "field 'tool_version': expected a value, got null")]
    public void A_calibration_that_parses_but_cannot_be_used_is_an_error_naming_the_file(string from, string to, string expected)
    {
        using var tmp = new TempDir();
        string json = Shipped();
        Assert.Contains(from, json, StringComparison.Ordinal);
        string file = tmp.Sub("calibration.json");
        File.WriteAllText(file, json.Replace(from, to, StringComparison.Ordinal));
        var ex = Assert.Throws<InvalidDataException>(() => CalibrationStore.Load(file));
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_inputs_hash_still_describes()
    {
        using var tmp = new TempDir();
        string json = Shipped();
        string sha = CalibrationStore.TryEmbedded("h100")!.InputsSha256;
        string file = tmp.Sub("calibration.json");
        File.WriteAllText(file, json.Replace(sha, "abc", StringComparison.Ordinal));
        Assert.Contains("inputs sha256 abc,", CalibrationStore.Load(file).Describe(), StringComparison.Ordinal);
    }
}
