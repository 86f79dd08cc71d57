using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SalesBot.Host.Admin;

/// <summary>
/// Checks the key a caller sends (<c>Authorization: Bearer …</c> or <c>X-Admin-Key</c>) against
/// <see cref="AdminOptions.Key"/> in constant time: both are hashed first, so neither the content nor
/// the length of the key leaks through timing.
/// </summary>
public sealed class AdminKey(IOptions<AdminOptions> options)
{
    public const string HeaderName = "X-Admin-Key";
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key ?? string.Empty));

    /// <summary>Null when the request carries the right key; otherwise why not.</summary>
    public string? Reject(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sent = Sent(request);
        if (string.IsNullOrEmpty(sent))
        {
            return $"An admin key is required: send 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.";
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), _expected)
            ? null
            : "The admin key is not valid.";
    }

    private static string? Sent(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers.TryGetValue(HeaderName, out var key) ? key.ToString().Trim() : null;
    }
}
