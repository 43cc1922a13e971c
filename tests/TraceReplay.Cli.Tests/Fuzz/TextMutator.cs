using System.Text;
using System.Text.RegularExpressions;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>Mutations of text inputs (CSV, JSONL, JSON): truncation, byte flips, line and column edits, stray quotes, hostile numbers, wrong JSON types.</summary>
public static partial class TextMutator
{
    private static readonly string[] s_numbers =
        ["NaN", "Infinity", "-Infinity", "1e308", "-1e308", "-1", "0", "-0", "1e-320", "9223372036854775808", "2147483648", "-2147483649",
         "18000000000000", "1.5", "", "abc", "0x10", "1,5", "\"7\""];

    private static readonly string[] s_jsonValues = ["[]", "{}", "\"x\"", "null", "true", "[1,2]", "{\"a\":1}", "1e999", "-5", "0", "\"\"", "NaN"];

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<=:\s*)(""[^""]*""|-?[\d.eE+-]+|true|false|null|\[[^\[\]{}]*\])")]
    private static partial Regex JsonValue();

    public static byte[] Mutate(byte[] input, Random random, bool json)
    {
        string text = Encoding.UTF8.GetString(input);
        int rounds = 1 + random.Next(3);
        for (int i = 0; i < rounds; i++)
        {
            text = Once(text, random, json);
        }
        return random.Next(20) == 0 ? Flip(Encoding.UTF8.GetBytes(text), random) : Encoding.UTF8.GetBytes(text);
    }

    private static string Once(string text, Random random, bool json)
    {
        List<string> lines = [.. text.Split('\n')];
        int line = random.Next(lines.Count);
        switch (random.Next(json ? 14 : 12))
        {
            case 0: return text[..random.Next(text.Length + 1)];
            case 1: return Encoding.UTF8.GetString(Flip(Encoding.UTF8.GetBytes(text), random));
            case 2: lines.RemoveAt(line); break;
            case 3: lines.Insert(line, lines[random.Next(lines.Count)]); break;
            case 4: (lines[line], lines[random.Next(lines.Count)]) = (lines[random.Next(lines.Count)], lines[line]); break;
            case 5: return Columns(lines, random);
            case 6: return text.Insert(random.Next(text.Length + 1), "\"");
            case 7:
            case 8:
                MatchCollection numbers = Number().Matches(text);
                if (numbers.Count == 0)
                {
                    return text;
                }
                Match m = numbers[random.Next(numbers.Count)];
                return text[..m.Index] + s_numbers[random.Next(s_numbers.Length)] + text[(m.Index + m.Length)..];
            case 9: return random.Next(2) == 0 ? "" : lines[0] + "\n";
            case 10: return random.Next(2) == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : "\uFEFF" + text;
            case 11: lines.Insert(line, new string('9', 1 + random.Next(200_000))); break;
            case 12:
            case 13:
                MatchCollection values = JsonValue().Matches(text);
                if (values.Count == 0)
                {
                    return "[" + text + "]";
                }
                Match v = values[random.Next(values.Count)];
                return text[..v.Index] + s_jsonValues[random.Next(s_jsonValues.Length)] + text[(v.Index + v.Length)..];
        }
        return string.Join('\n', lines);
    }

    /// <summary>Drops, duplicates or swaps one comma-separated column on every line.</summary>
    private static string Columns(List<string> lines, Random random)
    {
        int width = lines[0].Split(',').Length;
        int a = random.Next(width), b = random.Next(width), op = random.Next(3);
        return string.Join('\n', lines.Select(l =>
        {
            List<string> f = [.. l.Split(',')];
            if (a >= f.Count || b >= f.Count)
            {
                return l;
            }
            switch (op)
            {
                case 0: f.RemoveAt(a); break;
                case 1: f.Insert(a, f[a]); break;
                default: (f[a], f[b]) = (f[b], f[a]); break;
            }
            return string.Join(',', f);
        }));
    }

    public static byte[] Flip(byte[] bytes, Random random)
    {
        byte[] copy = [.. bytes];
        int n = 1 + random.Next(8);
        for (int i = 0; i < n && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }
}
