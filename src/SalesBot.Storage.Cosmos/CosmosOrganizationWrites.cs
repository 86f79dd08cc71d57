using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Cosmos;

/// <summary>An organization and the lookups of its workspaces (rare writes: install, settings).</summary>
internal sealed class CosmosOrganizationWrites(CosmosDatabase db)
{
    public async Task PutAsync(OrganizationPut change, CancellationToken ct)
    {
        var organization = change.Organization;
        var pk = CosmosKeys.OrganizationPk(organization.Id);
        // The previous workspaces say which lookups to drop; a point read is cheaper than remembering them elsewhere.
        var previous = await CosmosItems.ReadAsync<Organization>(db.Directory, pk, pk, ct);
        await CosmosItems.WriteAsync(db.Directory, new CosmosDocument<Organization> { Id = pk, Pk = pk, Type = "organization", Body = organization }, change.Expect, ct);

        // Lookups after the organization: a lookup is trusted only if the organization names the workspace.
        foreach (var workspace in organization.Workspaces.Except(previous?.Body.Workspaces ?? []))
        {
            var id = CosmosKeys.WorkspaceLookup(workspace);
            await CosmosItems.WriteAsync(db.Lookups, CosmosStoreWriter.Lookup(id, "workspace", organization.Id), Expect.Any, ct);
        }

        foreach (var gone in (previous?.Body.Workspaces ?? []).Except(organization.Workspaces))
        {
            var id = CosmosKeys.WorkspaceLookup(gone);
            var lookup = await CosmosItems.ReadAsync<string>(db.Lookups, id, id, ct);
            if (lookup?.Body == organization.Id)
            {
                await CosmosItems.DeleteIfExistsAsync(db.Lookups, id, id, ct);
            }
        }
    }
}
