using TraceReplay.Core.Hardware;

namespace TraceReplay.Core.Tests.Hardware;

public sealed class GpuCatalogTests
{
    [Theory]
    [InlineData("a100", 312e12, 2.039e12)]
    [InlineData("H100", 989e12, 3.35e12)]
    [InlineData("h100-PCIE", 756e12, 2.0e12)]
    [InlineData("h200", 989e12, 4.8e12)]
    [InlineData("B200", 2250e12, 8.0e12)]
    public void Short_names_resolve_case_insensitively_to_datasheet_peaks(string name, double flops, double bandwidth)
    {
        GpuSpec g = GpuCatalog.Resolve(name);
        Assert.Equal(flops, g.PeakBf16FlopsPerS);
        Assert.Equal(bandwidth, g.HbmBytesPerS);
    }

    [Theory]
    [InlineData("a100", 153)]
    [InlineData("h200", 206)]
    [InlineData("b200", 281)]
    public void Ridge_points_match_the_values_quoted_in_arXiv_2507_15465(string name, double ridge) =>
        Assert.Equal(ridge, GpuCatalog.Resolve(name).RidgePointFlopsPerByte, 0.01 * ridge);

    [Fact]
    public void User_gpu_loads_from_a_json_file()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "mi300x.json");
        File.WriteAllText(path, """
            {"name": "AMD MI300X", "short_name": "mi300x", "peak_bf16_flops_per_s": 1307e12, "hbm_bytes_per_s": 5.3e12,
             "hbm_capacity_bytes": 192e9, "tdp_w": 750, "sm_count": 304, "interconnect_bytes_per_s": 448e9,
             "static_power_w": 150, "hbm_pj_per_byte": 28, "pj_per_flop": 0.5}
            """);
        GpuSpec g = GpuCatalog.Resolve(path);
        Assert.Equal("mi300x", g.ShortName);
        Assert.Equal(1307e12 / 5.3e12, g.RidgePointFlopsPerByte, 6);
    }

    [Fact]
    public void Malformed_user_gpu_names_the_file_and_line()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.json");
        File.WriteAllText(path, "{\n \"name\": \"x\",\n \"tdp_w\": \"lots\"\n}");
        var ex = Assert.Throws<InvalidDataException>(() => GpuCatalog.Resolve(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("line 3", ex.Message);
    }
}
