using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace SalesBot.Channels.Http.Inbound;

/// <summary>
/// Reads a request body up to a size cap. With a declared length (what Teams, Slack and browsers send)
/// the body lands in one array of exactly that size; otherwise (chunked) in pooled chunks. Either way a
/// body past the cap is refused before it is all read, so a large upload costs the cap at most.
/// </summary>
public static class CappedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is { } declared)
        {
            if (declared > maxBytes)
            {
                return null;
            }

            // Kestrel ends the body at the declared length, so reading exactly that much reads all of it.
            var body = new byte[declared];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
