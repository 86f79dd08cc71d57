using System.Text.Json;
using SalesBot.Channels.Http.Inbound;

namespace SalesBot.Host.Http;

/// <summary>
/// Reads a JSON request body with a size cap, so oversized bodies get 413 and malformed JSON gets
/// 400, each with a reason, before any handler sees them. The Host's one guard for JSON oddities
/// (<see cref="InboundJson"/>: invalid UTF-8, lone surrogates, duplicate keys, control characters,
/// deep nesting, and odd ids under <c>idKeys</c>) runs here too.
/// </summary>
public static class JsonBody
{
    public static Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync<T>(request, maxBytes, options, null, cancellationToken);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options, IReadOnlySet<string>? idKeys, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await CappedBody.ReadAsync(request, maxBytes, cancellationToken) is not { } bytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (bytes.Length == 0)
        {
            return (null, Results.Problem("The request body is empty; a JSON object was expected.", statusCode: StatusCodes.Status400BadRequest));
        }

        var problem = !InboundJson.IsValidUtf8(bytes) ? "it is not valid UTF-8" : InboundJson.Problem(bytes, idKeys);
        if (problem is not null)
        {
            return (null, Results.Problem($"The request body is not valid JSON: {problem}.", statusCode: StatusCodes.Status400BadRequest));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? (null, Results.Problem("The request body is JSON null; a JSON object was expected.", statusCode: StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem($"The request body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem($"The request body is larger than {maxBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
