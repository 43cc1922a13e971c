using System.Text.Json;
using TraceReplay.Cli.Errors;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: every exception maps to one line and an exit code; only our bugs get 70, never a stack trace.</summary>
public sealed class ErrorMapperTests
{
    public static TheoryData<Exception, int> Cases() => new()
    {
        { new InputException("a.csv", 3, "x", "an integer", "abc"), 2 },
        { new InvalidDataException("bad"), 2 },
        { new FileNotFoundException("gone"), 2 },
        { new ArgumentException("--rate"), 2 },
        { new KeyNotFoundException("unknown gpu"), 2 },
        { new AggregateException(new FormatException("nested")), 2 },
        { new OutOfMemoryException(), 2 },
        { new OperationCanceledException(), 130 },
        { new NullReferenceException("bug"), 70 },
        { new DivideByZeroException(), 70 },
        { new OverflowException(), 70 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_exception_maps_to_one_line_and_its_exit_code(Exception ex, int code)
    {
        ErrorMapper.Mapped m = ErrorMapper.Map(ex);
        Assert.Equal(code, m.ExitCode);
        Assert.DoesNotContain('\n', m.Line);
        Assert.DoesNotContain("   at ", m.Line);
    }

    [Fact]
    public void An_exception_thrown_inside_a_format_library_is_an_input_error()
    {
        Exception thrown;
        try
        {
            using JsonDocument doc = JsonDocument.Parse("[1]");
            _ = doc.RootElement.GetProperty("x");
            throw new InvalidOperationException("unreachable");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }
        ErrorMapper.Mapped m = ErrorMapper.Map(thrown);
        Assert.Equal(2, m.ExitCode);
        Assert.Contains("System.Text.Json", m.Line);
    }

    [Fact]
    public void The_input_error_names_file_index_field_expected_and_found()
    {
        var ex = new InputException("trace.csv", 12, "ContextTokens", "an integer token count", "abc");
        Assert.Equal("trace.csv:12: field 'ContextTokens': expected an integer token count, got abc", ex.Message);
        Assert.Equal(("trace.csv", 12L, "ContextTokens"), (ex.FilePath, ex.Index, ex.Field));
    }
}
