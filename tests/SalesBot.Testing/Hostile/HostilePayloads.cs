using System.Text;
using CsCheck;

namespace SalesBot.Testing.Hostile;

/// <summary>
/// One hostile value: <see cref="Json"/> is the JSON text put where a template says <c>"HOSTILE"</c>
/// (quotes included), <see cref="Raw"/> the same value's bytes for a form field (percent-encoded).
/// </summary>
public sealed record HostileValue(string Name, byte[] Json, byte[] Raw)
{
    public override string ToString() => Name;
}

/// <summary>A whole body made hostile, with what was done to it (printed with CsCheck's seed on failure).</summary>
public sealed record HostileBody(string Name, byte[] Bytes)
{
    public override string ToString() => $"{Name} ({Bytes.Length} bytes)";
}

/// <summary>
/// Generators of hostile input for every endpoint's property tests: invalid JSON and wrong types, huge
/// strings and 10,000-deep nesting, NUL, lone surrogates, invalid UTF-8, bidi overrides and zero-width
/// characters, and numbers like 1e309 and 9999999999999999999, in any field of a realistic payload.
/// </summary>
public static class HostilePayloads
{
    public const string Marker = "\"HOSTILE\"";

    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF];

    /// <summary>A value for one field.</summary>
    public static readonly Gen<HostileValue> Value = Gen.Int[0, 17].Select(Gen.Int[1, 64], (kind, size) => kind switch
    {
        0 => Str("NUL", "a\\u0000b", "a\0b"),
        1 => Str("lone high surrogate", "x\\ud800", null),
        2 => Str("lone low surrogate", "\\udfffy", null),
        3 => Str("bidi override", "\\u202eevil\\u202c", "\u202eevil\u202c"),
        4 => Str("zero-width characters", "U0ANA\\u200b\\ufeff", "U0ANA\u200b\ufeff"),
        5 => Str("huge string", new string('x', 300_000), new string('x', 300_000)),
        6 => Str($"long string ({size} KB)", new string('y', size * 1024), new string('y', size * 1024)),
        7 => Literal("1e309", "1e309"),
        8 => Literal("9999999999999999999", "9999999999999999999"),
        9 => Literal("an array", "[1,2]"),
        10 => Literal("an object", "{\"v\":1}"),
        11 => Literal("true", "true"),
        12 => Literal("null", "null"),
        13 => Literal("10,000-deep nesting", new string('[', 10_000) + new string(']', 10_000)),
        14 => new HostileValue("raw invalid UTF-8", [(byte)'"', .. InvalidUtf8, (byte)'"'], InvalidUtf8),
        15 => Str("control characters", "\\u0001\\u001f\\u007f", "\u0001\u001f\u007f"),
        16 => Str("right-to-left and emoji", "\u05e9\u05dc\u05d5\u05dd \ud83d\ude80", "\u05e9\u05dc\u05d5\u05dd \ud83d\ude80"),
        _ => Literal("an escaped lone surrogate pair reversed", "\"\\udc00\\ud800\""),
    });

    /// <summary>
    /// A body from one of <paramref name="templates"/> (each a realistic payload with one <see cref="Marker"/>):
    /// the marker replaced by a hostile value, or the whole body truncated, given a duplicate key or wrapped deep.
    /// </summary>
    public static Gen<HostileBody> JsonBodies(IReadOnlyList<string> templates) =>
        Gen.Int[0, templates.Count - 1].Select(Value, Gen.Int[0, 9], Gen.Int[1, 1000], (t, value, shape, cut) =>
        {
            var template = templates[t];
            return shape switch
            {
                0 => Whole($"template {t} truncated", template[..Math.Max(1, template.Length * cut / 1000)].Replace(Marker, "\"x\"", StringComparison.Ordinal)),
                1 => Whole($"template {t} with a duplicate key", "{\"type\":\"message\"," + template.TrimStart()[1..].Replace(Marker, "\"x\"", StringComparison.Ordinal)),
                2 => Whole($"template {t} nested 10,000 deep", new string('[', 10_000) + template.Replace(Marker, "\"x\"", StringComparison.Ordinal) + new string(']', 10_000)),
                _ => new HostileBody($"template {t} with {value.Name}", Replace(template, value.Json)),
            };
        });

    /// <summary>A form body (<c>a=b&amp;c=HOSTILE</c>) with the marker's field set to a hostile value, percent-encoded byte by byte.</summary>
    public static Gen<HostileBody> FormBodies(IReadOnlyList<string> templates) =>
        Gen.Int[0, templates.Count - 1].Select(Value, (t, value) =>
            new HostileBody($"form {t} with {value.Name}", Encoding.ASCII.GetBytes(templates[t].Replace("HOSTILE", PercentEncode(value.Raw), StringComparison.Ordinal))));

    /// <summary>A form with one <c>payload</c> field holding a hostile JSON body.</summary>
    public static Gen<HostileBody> PayloadForms(IReadOnlyList<string> jsonTemplates) =>
        JsonBodies(jsonTemplates).Select(body => new HostileBody("payload: " + body.Name, Encoding.ASCII.GetBytes("payload=" + PercentEncode(body.Bytes))));

    public static string PercentEncode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static HostileValue Str(string name, string jsonEscaped, string? raw) =>
        new(name, Encoding.UTF8.GetBytes("\"" + jsonEscaped + "\""), raw is null ? Encoding.UTF8.GetBytes(jsonEscaped) : Encoding.UTF8.GetBytes(raw));

    private static HostileValue Literal(string name, string json) => new(name, Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(json));

    private static HostileBody Whole(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    private static byte[] Replace(string template, byte[] value)
    {
        var at = template.IndexOf(Marker, StringComparison.Ordinal);
        var before = Encoding.UTF8.GetBytes(template[..at]);
        var after = Encoding.UTF8.GetBytes(template[(at + Marker.Length)..]);
        return [.. before, .. value, .. after];
    }
}
