using System.Text.Json;

namespace SalesBot.Host.Http;

/// <summary>
/// Reads a JSON request body with a size cap, so oversized bodies get 413 and malformed JSON gets
/// 400, each with a reason, before any handler sees them.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Results.Problem("The request body is empty; a JSON object was expected.", statusCode: StatusCodes.Status400BadRequest));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), options);
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
