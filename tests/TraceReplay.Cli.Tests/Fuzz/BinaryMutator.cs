using System.Buffers.Binary;
using System.IO.Compression;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>Mutations of gzip and Parquet containers: damaged members and trailers, footers with garbage or impossible lengths.</summary>
public static class BinaryMutator
{
    /// <summary>Mostly a text mutation under a valid gzip; sometimes the gzip itself is damaged or split into members.</summary>
    public static byte[] Gzip(byte[] gz, Random random, bool json)
    {
        byte[] plain = Gunzip(gz);
        switch (random.Next(8))
        {
            case 0: return gz[..random.Next(gz.Length + 1)];
            case 1: return TextMutator.Flip(gz, random);
            case 2: return [.. gz, .. TextMutator.Flip(gz[..Math.Min(gz.Length, 64)], random)];
            case 3:
                int cut = random.Next(plain.Length + 1);
                return [.. Compress(plain[..cut]), .. Compress(plain[cut..])];
            default: return Compress(TextMutator.Mutate(plain, random, json));
        }
    }

    public static byte[] Parquet(byte[] file, Random random)
    {
        byte[] copy = [.. file];
        int footer = BinaryPrimitives.ReadInt32LittleEndian(copy.AsSpan(copy.Length - 8));
        int footerStart = Math.Max(4, copy.Length - 8 - footer);
        switch (random.Next(7))
        {
            case 0: return copy[..random.Next(copy.Length + 1)];
            case 1:
                for (int i = 0; i < 1 + random.Next(6); i++)
                {
                    copy[random.Next(footerStart, copy.Length - 8)] = (byte)random.Next(256);
                }
                return copy;
            case 2:
                int[] lengths = [int.MaxValue, -1, 0, footer + 1, footer - 1, copy.Length, random.Next()];
                BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(copy.Length - 8), lengths[random.Next(lengths.Length)]);
                return copy;
            case 3:
                random.NextBytes(copy.AsSpan(footerStart, copy.Length - 8 - footerStart));
                return copy;
            case 4: return TextMutator.Flip(copy, random);
            case 5:
                for (int i = 0; i < 1 + random.Next(6); i++)
                {
                    copy[random.Next(4, footerStart)] = (byte)random.Next(256);
                }
                return copy;
            default: return [.. copy[..^8], .. TextMutator.Flip(copy[^64..^8], random), .. copy[^8..]];
        }
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(plain);
        }
        return output.ToArray();
    }
}
