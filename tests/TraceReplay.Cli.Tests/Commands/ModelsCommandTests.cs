using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class ModelsCommandTests
{
    [Fact]
    public void Json_lists_every_built_in_model_with_sizes()
    {
        CliRunner.Result r = CliRunner.Run("models", "--json");
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement qwen = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Qwen3-30B-A3B");
        Assert.Equal(48, qwen.GetProperty("layers").GetInt32());
        Assert.Equal(98304, qwen.GetProperty("kv_bytes_per_token").GetDouble());
        Assert.Equal(9437184, qwen.GetProperty("expert_weight_bytes").GetDouble());
        Assert.True(doc.RootElement.GetArrayLength() >= 8);
    }

    [Fact]
    public void Table_shows_units()
    {
        CliRunner.Result r = CliRunner.Run("models");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("DeepSeek-V3", r.StdOut);
        Assert.Contains("GB", r.StdOut);
    }
}
