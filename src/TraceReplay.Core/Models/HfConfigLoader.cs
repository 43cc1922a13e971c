using System.Text.Json;

namespace TraceReplay.Core.Models;

/// <summary>
/// Reads a Hugging Face <c>config.json</c> of the llama, mistral/mixtral, qwen2/qwen3, qwen3_moe, gpt_oss,
/// deepseek_v3 (and kimi_k2, its architecture) and minimax_m2 families into a <see cref="ModelSpec"/>. A multimodal
/// wrapper (Kimi-K2.5's kimi_k25) is read through its <c>text_config</c>; the vision tower is not modelled. An
/// optional <c>_tracereplay</c> object carries the catalogue name, Hugging Face id, aliases and published parameter count.
/// </summary>
public static class HfConfigLoader
{
    private static readonly string[] s_families =
        ["gpt2", "llama", "mistral", "mixtral", "qwen2", "qwen3", "qwen2_moe", "qwen3_moe", "gpt_oss", "deepseek_v2", "deepseek_v3", "kimi_k2", "minimax_m2"];

    /// <summary>Bounds on config counts: far above any published model, low enough that arrays sized by them fit in memory.</summary>
    public const int MaxLayers = 4096, MaxWidth = 1 << 20, MaxHeads = 1 << 14, MaxExperts = 1 << 16, MaxVocab = 1 << 24;

    public static ModelSpec LoadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        string fallbackName = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "model";
        return Load(stream, path, fallbackName);
    }

    public static ModelSpec Load(Stream json, string sourceName, string fallbackName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: line {ex.LineNumber + 1}: not valid JSON ({ex.Message})", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{sourceName}: expected a JSON object (a Hugging Face config.json), got {doc.RootElement.ValueKind}");
            }
            try
            {
                var root = new ConfigReader(doc.RootElement, sourceName);
                // A multimodal wrapper keeps the language model's architecture in text_config; name and quantization may sit outside.
                return doc.RootElement.TryGetProperty("text_config", out JsonElement text) && text.ValueKind == JsonValueKind.Object
                    && !s_families.Contains(root.String("model_type") ?? "")
                    ? Parse(new ConfigReader(text, sourceName + ": text_config"), fallbackName, root)
                    : Parse(root, fallbackName, root);
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json: invalid UTF-8 in a string, or a value of another kind than the reader checked.
                throw new InvalidDataException($"{sourceName}: malformed JSON value ({ex.Message})", ex);
            }
        }
    }

    private static ModelSpec Parse(ConfigReader c, string fallbackName, ConfigReader outer)
    {
        if (c.String("model_type") == "gpt2")
        {
            return ParseGpt2(c, fallbackName);
        }
        string family = c.String("model_type") ?? throw c.Missing("model_type", $"one of {string.Join(", ", s_families)}");
        if (!s_families.Contains(family))
        {
            throw new InvalidDataException($"{c.Source}: field 'model_type' is '{family}'; expected one of {string.Join(", ", s_families)}");
        }
        int layers = c.Count("num_hidden_layers", MaxLayers);
        int hidden = c.Count("hidden_size", MaxWidth);
        int qHeads = c.Count("num_attention_heads", MaxHeads);
        int kvHeads = c.OptionalCount("num_key_value_heads", qHeads) ?? qHeads;
        int headDim = c.OptionalCount("head_dim", MaxWidth) ?? c.InRange("hidden_size / num_attention_heads", hidden / qHeads, 1, MaxWidth);
        bool isQwen2 = family is "qwen2" or "qwen2_moe";
        bool isGptOss = family == "gpt_oss";

        MlaSpec? mla = null;
        bool deepseek = family.StartsWith("deepseek", StringComparison.Ordinal) || family == "kimi_k2";
        if (deepseek && c.OptionalCount("kv_lora_rank", MaxWidth) is int kvLora)
        {
            mla = new MlaSpec(c.OptionalCount("q_lora_rank", MaxWidth, 0) ?? 0, kvLora, c.Count("qk_rope_head_dim", MaxWidth, 0),
                c.Count("qk_nope_head_dim", MaxWidth, 0), c.Count("v_head_dim", MaxWidth));
            kvHeads = qHeads;
            headDim = mla.QkHeadDim;
        }

        MoeSpec? moe = null;
        int? experts = c.OptionalCount("num_local_experts", MaxExperts, 0) ?? c.OptionalCount("num_experts", MaxExperts, 0) ?? c.OptionalCount("n_routed_experts", MaxExperts, 0);
        if (experts is > 0)
        {
            int topK = c.OptionalCount("num_experts_per_tok", experts.Value) ?? c.OptionalCount("experts_per_token", experts.Value) ?? throw c.Missing("num_experts_per_tok", "an integer");
            int expertFfn = c.OptionalCount("moe_intermediate_size", MaxWidth) ?? c.Count("intermediate_size", MaxWidth);
            int shared = c.OptionalCount("n_shared_experts", MaxExperts, 0) ?? (c.Int("shared_expert_intermediate_size") is > 0 ? 1 : 0);
            int sharedFfn = c.OptionalCount("shared_expert_intermediate_size", MaxWidth, 0) ?? expertFfn;
            moe = new MoeSpec(experts.Value, topK, expertFfn, shared, shared > 0 ? sharedFfn : 0, HasBias: isGptOss);
        }

        bool[] moeLayers = new bool[layers];
        if (moe is not null)
        {
            int firstDense = c.Int("first_k_dense_replace") ?? 0;
            int step = Math.Max(c.Int("moe_layer_freq") ?? c.Int("decoder_sparse_step") ?? 1, 1);
            HashSet<int> mlpOnly = [.. c.IntArray("mlp_only_layers")];
            for (int i = 0; i < layers; i++)
            {
                // DeepSeek counts MoE layers from layer 0, Qwen's sparse step from layer 1 (as in their HF modeling code).
                moeLayers[i] = deepseek
                    ? i >= firstDense && i % step == 0
                    : (i + 1) % step == 0 && !mlpOnly.Contains(i);
            }
        }

        int[] windows = SlidingWindows(c, layers);
        ModelMeta meta = ModelMeta.Read(outer);
        // A wrapper's quantization_config may sit outside its text_config or inside it.
        (DType weightDtype, DType expertDtype) = QuantizationConfig.Read(outer.Root.TryGetProperty("quantization_config", out _) ? outer : c);
        return meta.Spec(fallbackName, family, layers, hidden, c.Count("vocab_size", MaxVocab), qHeads, kvHeads, headDim) with
        {
            TieWordEmbeddings = c.Bool("tie_word_embeddings") ?? false,
            AttentionBias = c.Bool("attention_bias") ?? (isQwen2 || c.Bool("qkv_bias") == true),
            OutputBias = isGptOss,
            QkNorm = family is "qwen3" or "qwen3_moe" || c.Bool("use_qk_norm") == true,
            AttentionSinks = isGptOss,
            Mla = mla,
            DenseFfn = c.OptionalCount("intermediate_size", MaxWidth, 0) ?? 0,
            Moe = moe,
            MoeLayers = moeLayers,
            SlidingWindowTokens = windows,
            // Served as released: DeepSeek's FP8 block-scaled checkpoints, GPT-OSS's MXFP4 experts (4.25 bits with scales).
            WeightDtype = weightDtype,
            ExpertWeightDtype = expertDtype,
        };
    }

    /// <summary>GPT-2 layout (also used for GPT-3-style models): LayerNorm, biased MHA, GELU MLP, learned positions, tied head.</summary>
    private static ModelSpec ParseGpt2(ConfigReader c, string fallbackName)
    {
        int layers = c.Count("n_layer", MaxLayers);
        int hidden = c.Count("n_embd", MaxWidth);
        int heads = c.Count("n_head", MaxHeads);
        _ = c.InRange("n_embd / n_head", hidden / heads, 1, MaxWidth);
        return ModelMeta.Read(c).Spec(fallbackName, "gpt2", layers, hidden, c.Count("vocab_size", MaxVocab), heads, heads, hidden / heads) with
        {
            TieWordEmbeddings = c.Bool("tie_word_embeddings") ?? true,
            AttentionBias = true,
            OutputBias = true,
            DenseFfn = c.OptionalCount("n_inner", MaxWidth) ?? 4 * hidden,
            GatedMlp = false,
            PositionEmbeddings = c.Int("n_positions") ?? 0,
        };
    }

    private static int[] SlidingWindows(ConfigReader c, int layers)
    {
        int[] windows = new int[layers];
        if (c.Int("sliding_window") is not int window || window <= 0 || c.Bool("use_sliding_window") == false)
        {
            return windows;
        }
        string[] types = c.StringArray("layer_types");
        int firstSliding = c.Int("max_window_layers") is int mwl && c.String("model_type")!.StartsWith("qwen", StringComparison.Ordinal) ? mwl : 0;
        for (int i = 0; i < layers; i++)
        {
            bool sliding = types.Length == layers ? types[i] == "sliding_attention" : i >= firstSliding;
            windows[i] = sliding ? window : 0;
        }
        return windows;
    }

    /// <summary>The catalogue's <c>_tracereplay</c> object (else the config's own <c>_name_or_path</c> as the Hugging Face id).</summary>
    private sealed record ModelMeta(string? Name, string? HfId, List<string> Aliases, double? PublishedParams)
    {
        public static ModelMeta Read(ConfigReader c)
        {
            if (!c.Root.TryGetProperty("_tracereplay", out JsonElement meta))
            {
                return new ModelMeta(null, c.String("_name_or_path"), [], null);
            }
            var m = new ConfigReader(meta, c.Source);
            return new ModelMeta(m.String("name"), m.String("hf_id"), [.. m.StringArray("aliases")], m.Double("published_params"));
        }

        /// <summary>What every family sets alike: identity and dimensions; all layers dense and full attention until told otherwise.</summary>
        public ModelSpec Spec(string fallbackName, string family, int layers, int hidden, int vocab, int qHeads, int kvHeads, int headDim) => new()
        {
            Name = Name ?? fallbackName,
            HfId = HfId,
            Family = family,
            Aliases = Aliases,
            NumLayers = layers,
            HiddenSize = hidden,
            VocabSize = vocab,
            NumQHeads = qHeads,
            NumKvHeads = kvHeads,
            HeadDim = headDim,
            MoeLayers = new bool[layers],
            SlidingWindowTokens = new int[layers],
            PublishedParams = PublishedParams,
        };
    }
}
