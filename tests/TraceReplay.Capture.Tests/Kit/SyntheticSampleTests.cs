using System.IO.Compression;
using System.Text.Json;
using TraceReplay.Capture.Tests.Infrastructure;
using TraceReplay.Core.Kernels;

namespace TraceReplay.Capture.Tests.Kit;

/// <summary>
/// The committed sample (tools/capture/samples/synthetic-h100-qwen3-30b-a3b-tp2) is the kit's own --simulate output:
/// Kineto layout, roofline timings, marked synthetic. Calibration recovers shapes from its annotation names.
/// </summary>
public sealed class SyntheticSampleTests
{
    private const string SampleName = "synthetic-h100-qwen3-30b-a3b-tp2";
    private static readonly string s_sample = RepoPaths.Combine("tools", "capture", "samples", SampleName);

    [Fact]
    public void Sample_annotations_parse_with_the_documented_grammar_and_cover_the_plan()
    {
        using JsonDocument plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_sample, "plan.json")));
        int repeats = plan.RootElement.GetProperty("repeats").GetInt32();
        string[] planned = [.. plan.RootElement.GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("annotation").GetString()!)];
        using JsonDocument trace = ReadTrace(Path.Combine(s_sample, "trace.json.gz"));
        JsonElement root = trace.RootElement;
        Assert.True(root.GetProperty("tracereplay").GetProperty("synthetic").GetBoolean(), "the sample must say it is synthetic");
        Assert.Equal("NVIDIA H100 80GB HBM3", root.GetProperty("deviceProperties")[0].GetProperty("name").GetString());

        JsonElement[] events = [.. root.GetProperty("traceEvents").EnumerateArray()];
        JsonElement[] cpuRanges = [.. events.Where(e => Cat(e) == "user_annotation")];
        JsonElement[] gpuRanges = [.. events.Where(e => Cat(e) == "gpu_user_annotation")];
        JsonElement[] kernels = [.. events.Where(e => Cat(e) == "kernel")];
        KernelAnnotation[] parsed = [.. cpuRanges.Select(e => KernelAnnotation.Parse(e.GetProperty("name").GetString()!))];

        Assert.All(parsed, a => Assert.NotNull(a.Kind));
        // Each planned shape appears once per repetition, rep = 0..repeats-1, and nothing else does.
        var byShape = parsed.GroupBy(a => (a with { Shape = [.. a.Shape.Where(p => p.Key != "rep")] }).ToString())
            .ToDictionary(g => g.Key, g => g.Select(a => a.Rep!.Value).Order().ToArray());
        Assert.Equal(planned.Order(), byShape.Keys.Order());
        Assert.All(byShape.Values, reps => Assert.Equal(Enumerable.Range(0, repeats), reps));
        // Every kernel lies inside the GPU range of the annotation that launched it (as the ingest join expects).
        Assert.Equal(cpuRanges.Length, gpuRanges.Length);
        Assert.Equal(cpuRanges.Length, kernels.Length);
        foreach (JsonElement k in kernels)
        {
            double ts = k.GetProperty("ts").GetDouble(), end = ts + k.GetProperty("dur").GetDouble();
            Assert.Single(gpuRanges, g => g.GetProperty("ts").GetDouble() <= ts && end <= g.GetProperty("ts").GetDouble() + g.GetProperty("dur").GetDouble());
            Assert.StartsWith("tr_synthetic_", k.GetProperty("name").GetString());
        }
    }

    [PythonFact]
    public void Committed_sample_is_exactly_what_the_kit_writes()
    {
        string dir = Directory.CreateTempSubdirectory("tr-sim-").FullName;
        try
        {
            (int code, _, string stderr) = CaptureKit.Run(["--config", RepoPaths.ModelConfig("qwen3-30b-a3b"), "--tp", "2", "--gpus", "2", "--simulate", "h100", "--out", dir]);
            Assert.True(code == 0, stderr);
            Assert.Contains("SYNTHETIC", stderr);
            foreach (string file in new[] { "trace.json.gz", "plan.json", "env.json" })
            {
                Assert.True(File.ReadAllBytes(Path.Combine(s_sample, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, file))),
                    $"{file} differs from the committed sample: regenerate it with the command in tools/capture/README.md");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? Cat(JsonElement e) => e.TryGetProperty("cat", out JsonElement c) ? c.GetString() : null;

    private static JsonDocument ReadTrace(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gz);
    }
}
