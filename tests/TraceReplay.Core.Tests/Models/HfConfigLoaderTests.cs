using TraceReplay.Core.Models;

namespace TraceReplay.Core.Tests.Models;

public sealed class HfConfigLoaderTests
{
    [Fact]
    public void Loads_a_config_json_from_a_path_and_names_it_after_its_folder()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string folder = Path.Combine(dir, "Qwen2.5-7B");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "config.json");
        File.WriteAllText(path, """
            {"model_type": "qwen2", "hidden_size": 3584, "intermediate_size": 18944, "num_attention_heads": 28,
             "num_hidden_layers": 28, "num_key_value_heads": 4, "vocab_size": 152064, "tie_word_embeddings": false,
             "use_sliding_window": false, "sliding_window": 131072, "max_window_layers": 28}
            """);
        ModelSpec m = ModelCatalog.Resolve(path);
        Assert.Equal("Qwen2.5-7B", m.Name);
        Assert.True(m.AttentionBias); // qwen2 has q/k/v biases
        Assert.All(m.SlidingWindowTokens, w => Assert.Equal(0, w));
        Assert.Equal(7.62e9, m.Parameters.Total, 0.01 * 7.62e9); // published 7.61B
    }

    [Fact]
    public void Missing_field_names_the_file_and_field()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path, """{"model_type": "llama", "hidden_size": 4096}""");
        var ex = Assert.Throws<InvalidDataException>(() => HfConfigLoader.LoadFile(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("num_hidden_layers", ex.Message);
    }

    [Fact]
    public void Unsupported_family_is_rejected_with_the_supported_list()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path, """{"model_type": "bert"}""");
        var ex = Assert.Throws<InvalidDataException>(() => HfConfigLoader.LoadFile(path));
        Assert.Contains("qwen3_moe", ex.Message);
    }

    [Fact]
    public void Wrong_type_names_the_field_and_what_was_expected()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path, """{"model_type": "llama", "num_hidden_layers": "thirty-two"}""");
        var ex = Assert.Throws<InvalidDataException>(() => HfConfigLoader.LoadFile(path));
        Assert.Contains("'num_hidden_layers'", ex.Message);
        Assert.Contains("expected an integer", ex.Message);
    }
}
