using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SalesBot.Channels.Http.Inbound;

/// <summary>
/// The one check every channel runs on a signed body before any parser sees it. System.Text.Json
/// accepts things its node and element readers later throw on (lone surrogate escapes, duplicate
/// keys, raw invalid UTF-8 inside strings) with exceptions other than <see cref="JsonException"/>;
/// refusing them here, with a reason, is what keeps them from ever reaching a 500.
/// </summary>
public static class InboundJson
{
    /// <summary>Deeper than any Bot Framework activity or Slack payload nests (about 10 levels).</summary>
    public const int MaxDepth = 64;

    private const string InvalidUnicode = "a string is not valid Unicode (a lone surrogate or invalid UTF-8)";

    /// <summary>
    /// Why <paramref name="utf8"/> is not acceptable JSON, or null when it is. A string under one of
    /// <paramref name="idKeys"/> (at any depth) must also be an acceptable id (<see cref="InboundIds"/>).
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> utf8, IReadOnlySet<string>? idKeys = null)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var keys = new Stack<HashSet<string>>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keys.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        keys.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        property = name;
                        if (!keys.Peek().Add(name))
                        {
                            return $"duplicate key \"{Printable(name)}\"";
                        }

                        if (ControlCharacter(name) is { } c)
                        {
                            return $"a key holds the control character U+{(int)c:X4}";
                        }

                        break;
                    case JsonTokenType.String:
                        var isId = property is not null && idKeys?.Contains(property) == true;
                        if (!reader.ValueIsEscaped && !isId)
                        {
                            // The reader refuses raw control characters, and surrogates come only escaped: an
                            // unescaped string needs no decoding, only valid UTF-8 (most of an activity's strings).
                            if (!Utf8.IsValid(reader.ValueSpan))
                            {
                                return InvalidUnicode;
                            }

                            break;
                        }

                        var value = reader.GetString()!;
                        if (ControlCharacter(value) is { } control)
                        {
                            return $"a string holds the control character U+{(int)control:X4}";
                        }

                        if (isId && InboundIds.Problem(value, $"\"{property}\"") is { } id)
                        {
                            return id;
                        }

                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return $"Malformed JSON ({ex.Message.Split('.')[0]})";
        }
        catch (InvalidOperationException)
        {
            // GetString: a lone surrogate escape or bytes that are not UTF-8 inside a string.
            return InvalidUnicode;
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> (JSON carried inside a form field) is not acceptable, or null.</summary>
    public static string? Problem(string text, IReadOnlySet<string>? idKeys = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsWellFormedUtf16(text))
        {
            return "a field is not valid Unicode (a lone surrogate)";
        }

        return Problem(Encoding.UTF8.GetBytes(text), idKeys);
    }

    /// <summary>True when <paramref name="bytes"/> decode as UTF-8 without a single invalid sequence.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    public static bool IsWellFormedUtf16(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tab, line feed and carriage return are text; every other C0 control (NUL first) is not.</summary>
    private static char? ControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                return c;
            }
        }

        return null;
    }

    private static string Printable(string name) =>
        name.Length > 40 ? name[..40] + "…" : name;
}
