using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SalesBot.Bench;

/// <summary>
/// A throw-away certificate for 127.0.0.1. The Host only accepts an https authority for its outbound
/// client-credentials call (MSAL requires it), so the local token endpoint needs TLS; the Host trusts
/// this certificate through <c>SSL_CERT_FILE</c>, set only in its own environment.
/// </summary>
internal static class LocalTls
{
    public static X509Certificate2 Create(string pemPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SalesBot bench 127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        // Self-signed and its own trust anchor: mark it a CA so OpenSSL accepts it as a root.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(pemPath, created.ExportCertificatePem());
        // Round-trip through PKCS#12 so Kestrel gets a certificate whose private key it can use on any platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
