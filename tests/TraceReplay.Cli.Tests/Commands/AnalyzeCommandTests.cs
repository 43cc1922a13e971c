using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public void Intensity_json_reports_ridge_moe_batch_and_per_operator_rows()
    {
        CliRunner.Result r = CliRunner.Run("analyze", "intensity", "--model", "Qwen/Qwen3-30B-A3B", "--gpu", "H100", "--batch", "64", "--context", "2048", "--tp", "2", "--json");
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(989e12 / 3.35e12, summary.GetProperty("ridge_flops_per_byte").GetDouble(), 6);
        Assert.Equal(989e12 / 3.35e12 * 128 / 8, summary.GetProperty("moe_ridge_batch_tokens").GetDouble(), 6);
        JsonElement[] ops = [.. doc.RootElement.GetProperty("operators").EnumerateArray()];
        JsonElement decodeAttn = ops.Single(o => o.GetProperty("phase").GetString() == "decode" && o.GetProperty("operator").GetString() == "attention_decode");
        Assert.Equal(8.0, decodeAttn.GetProperty("flops_per_byte").GetDouble(), 0.1); // GQA 32/4
        Assert.Contains(ops, o => o.GetProperty("operator").GetString() == "mlp_all_reduce");
    }

    [Fact]
    public void Intensity_json_of_a_dense_model_writes_its_undefined_moe_ridge_as_null()
    {
        // A dense model has no MoE ridge batch (NaN): the reflection serializer used to stop with an error here.
        CliRunner.Result r = CliRunner.Run("analyze", "intensity", "--model", "llama-3-8b", "--gpu", "h100", "--json");
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("summary").GetProperty("moe_ridge_batch_tokens").ValueKind);
        Assert.Equal("llama-3-8b", doc.RootElement.GetProperty("summary").GetProperty("model").GetString(), ignoreCase: true);
    }

    [Fact]
    public void Non_positive_batch_is_an_error_naming_the_flag()
    {
        CliRunner.Result r = CliRunner.Run("analyze", "intensity", "--model", "llama-3-8b", "--gpu", "h100", "--batch", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--batch", r.StdErr);
    }
}
