using Microsoft.Extensions.DependencyInjection;

namespace SalesBot.Testing;

public static class ServiceDecoration
{
    /// <summary>Wraps the registered <typeparamref name="T"/> (the last registration) in <paramref name="decorate"/>, keeping its lifetime.</summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<T, T> decorate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
        var inner = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(inner);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => decorate((T)Create(sp, inner)), inner.Lifetime));
        return services;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
