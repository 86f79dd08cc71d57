using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosCheckInStore(CosmosDatabase db) : ICheckInStore
{
    public Task<Stored<CheckIn>?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default) =>
        CosmosItems.ReadStoredAsync<CheckIn>(db.History, CosmosKeys.CheckInId(reportDate), CosmosKeys.HistoryPk(memberId), cancellationToken);

    public async Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        var documents = await CosmosQuery.ListAsync<CosmosDocument<CheckIn>>(
            db.History, CosmosKeys.HistoryPk(memberId),
            "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'checkin' AND c.sort >= @from AND c.sort <= @to ORDER BY c.sort",
            cancellationToken, ("@from", LocalDatePattern.Iso.Format(from)), ("@to", LocalDatePattern.Iso.Format(to)));
        return [.. documents.Select(d => d.Body)];
    }
}
