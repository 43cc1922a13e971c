using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay gpus</c>: the GPU catalogue.</summary>
public static class GpusCommand
{
    public static Command Create()
    {
        Option<bool> json = CommonOptions.Json();
        return CommandBuilder.Create("gpus",
            "List built-in GPUs: dense BF16/FP8 peaks, HBM bandwidth and capacity, TDP, SMs, L2, interconnect, ridge point.",
            [
                "tracereplay gpus",
                "tracereplay gpus --json",
            ],
            [json],
            parse =>
            {
                if (parse.GetValue(json))
                {
                    CliJson.Print(GpuCatalog.BuiltIn, CliJsonContext.Default.IReadOnlyListGpuSpec);
                    return 0;
                }
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumns("gpu", "name", "BF16", "FP8", "HBM BW", "HBM", "TDP", "SMs", "L2", "link/dir", "ridge (FLOP/B)");
                foreach (GpuSpec g in GpuCatalog.BuiltIn)
                {
                    table.AddRow(g.ShortName, Markup.Escape(g.Name), Units.Si(g.PeakBf16FlopsPerS, "FLOP/s", 0),
                        g.PeakFp8FlopsPerS > 0 ? Units.Si(g.PeakFp8FlopsPerS, "FLOP/s", 0) : "-",
                        Units.Si(g.HbmBytesPerS, "B/s"), Units.Si(g.HbmCapacityBytes, "B", 1), $"{g.TdpW:0} W", g.SmCount.ToString(),
                        g.L2Bytes > 0 ? $"{g.L2Bytes / 1048576:0} MiB" : "?", Units.Si(g.InterconnectBytesPerS, "B/s", 0),
                        Units.Fixed(g.RidgePointFlopsPerByte, 0));
                }
                AnsiConsole.Write(table);
                return 0;
            });
    }
}
