using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Core.Models;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay models</c>: the model catalogue with sizes that decide memory and traffic.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var config = new Option<string[]>("--config")
        {
            Description = "Also list models from these Hugging Face config.json files",
            AllowMultipleArgumentsPerToken = true,
        };
        Option<bool> json = CommonOptions.Json();
        return CommandBuilder.Create("models",
            "List built-in models (and any config.json given) with layers, parameters, weight bytes and KV-cache bytes per " +
            "token.",
            [
                "tracereplay models",
                "tracereplay models --config ./my-model/config.json --json",
            ],
            [config, json],
            parse =>
            {
                List<ModelSpec> models = [.. ModelCatalog.BuiltIn];
                models.AddRange((parse.GetValue(config) ?? []).Select(ModelCatalog.Resolve));
                if (parse.GetValue(json))
                {
                    CliJson.Print([.. models.Select(ToJson)], CliJsonContext.Default.IReadOnlyListModelJson);
                    return 0;
                }
                Render(models);
                return 0;
            });
    }

    private static ModelJson ToJson(ModelSpec m) => new(m.Name, m.HfId, m.Family, m.NumLayers, m.HiddenSize,
        m.Attention.ToString().ToLowerInvariant(), m.Moe?.NumExperts ?? 0, m.Moe?.TopK ?? 0, m.Parameters.Total, m.Parameters.Active,
        m.PublishedParams, m.WeightBytes, m.KvBytesPerToken, m.ExpertWeightBytes);

    private static void Render(IEnumerable<ModelSpec> models)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("model", "family", "layers", "attention", "experts (top-k)", "params", "active", "weights", "KV / token", "expert");
        foreach (ModelSpec m in models)
        {
            ParameterCounts p = m.Parameters;
            table.AddRow(
                Markup.Escape(m.Name), m.Family, m.NumLayers.ToString(), m.Attention.ToString().ToUpperInvariant(),
                m.Moe is { } moe ? $"{moe.NumExperts} ({moe.TopK})" : "-",
                Units.Si(p.Total, ""), Units.Si(p.Active, ""),
                Units.Si(m.WeightBytes, "B"), Units.Si(m.KvBytesPerToken, "B"),
                m.Moe is null ? "-" : Units.Si(m.ExpertWeightBytes, "B"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]weights: as served (BF16; GPT-OSS experts MXFP4). KV / token: all layers, 16-bit cache, before TP split and sliding-window caps. B = bytes, SI prefixes (1 GB = 1e9 B).[/]");
    }
}
