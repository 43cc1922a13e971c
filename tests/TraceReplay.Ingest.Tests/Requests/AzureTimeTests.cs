using System.Globalization;
using System.Text;
using TraceReplay.Ingest.Requests;

namespace TraceReplay.Ingest.Tests.Requests;

/// <summary>The digit-by-digit fast path for Azure times agrees with the exact formats it stands in for.</summary>
public sealed class AzureTimeTests
{
    private static long? Parse(string text) => AzureTime.TryParse(Encoding.UTF8.GetBytes(text), out long ns) ? ns : null;

    private static long? Reference(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t)
            ? (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100 : null;

    [Theory]
    [InlineData("2023-11-16 18:15:46.6805900")]
    [InlineData("2023-11-16 18:15:46")]
    [InlineData("2023-11-16T18:15:46.5")]
    [InlineData("2024-02-29 00:00:00.0000001")]
    [InlineData(" 2023-11-16 18:15:46.68 ")]
    [InlineData("2023-02-29 00:00:00.0")]
    [InlineData("2023-13-01 00:00:00.0")]
    [InlineData("2023-11-16 24:00:00.0")]
    [InlineData("2023-11-16 18:15:46.12345678")]
    [InlineData("2023-11-16 18:15:4x.1")]
    [InlineData("2023-11-16 18:15:46.")]
    public void Fast_path_matches_the_exact_formats(string text) => Assert.Equal(Reference(text), Parse(text));

    [Fact]
    public void Random_times_match_the_exact_formats()
    {
        var random = new Random(19);
        for (int i = 0; i < 2000; i++)
        {
            // 1700-2238: inside the int64-ns range, where the reference does not overflow.
            DateTime t = new DateTime(1700, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(random.NextDouble() * 1.7e17));
            string text = t.ToString(random.Next(3) switch { 0 => "yyyy-MM-dd HH:mm:ss.fffffff", 1 => "yyyy-MM-dd HH:mm:ss.FFF", _ => "yyyy-MM-ddTHH:mm:ss" }, CultureInfo.InvariantCulture);
            Assert.True(Reference(text) == Parse(text), $"'{text}': expected {Reference(text)}, got {Parse(text)}");
        }
    }

    [Theory]
    [InlineData("2024-05-10 00:00:00.009930+00:00", 1715299200009930000L)]
    [InlineData("2025-03-01T12:00:00.5Z", 1740830400500000000L)]
    [InlineData("2025-03-01 12:00:00Z", 1740830400000000000L)]
    public void Zoned_times_go_through_the_exact_formats(string text, long expectedNs) => Assert.Equal(expectedNs, Parse(text));

    [Fact]
    public void A_time_beyond_the_int64_nanosecond_range_is_refused_with_max_value()
    {
        Assert.False(AzureTime.TryParse("2300-01-01 00:00:00"u8, out long ns));
        Assert.Equal(long.MaxValue, ns);
    }
}
