using TraceReplay.Cli;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class PredictCommandTests
{
    [Fact]
    public void Predict_writes_every_input_column_plus_predictions()
    {
        string dir = Directory.CreateTempSubdirectory("tracereplay-cli-").FullName;
        try
        {
            string input = Path.Combine(dir, "ops.csv"), output = Path.Combine(dir, "out.csv");
            File.WriteAllText(input, "op_kind,flops,hbm_bytes,tokens,in_features,out_features,note\nmlp_down,1.2e12,3e8,4096,14336,4096,x\n");
            int rc = CliApp.Build().Parse(["predict", "--calibration", "h100", "--ops", input, "-o", output]).Invoke();
            Assert.Equal(0, rc);
            string[] lines = File.ReadAllLines(output);
            Assert.Equal("op_kind,flops,hbm_bytes,tokens,in_features,out_features,note,pred.latency_ms,pred.hbm_bytes,pred.rel_std", lines[0]);
            double ms = double.Parse(lines[1].Split(',')[7], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(ms, 1.2e12 / 989e12 * 1e3, 10.0); // at least the H100 peak-FLOP time, and sane
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_input_is_an_error_with_exit_code_2()
    {
        int rc = CliApp.Run(["predict", "--calibration", "a100", "--ops", "/no/such/file.csv", "-o", "/tmp/x.csv"]);
        Assert.Equal(2, rc);
    }
}
