using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Tests;

/// <summary>Documents stored before metric plans and dated changes existed still read, with safe defaults.</summary>
public sealed class MetricDocumentTests
{
    [Fact]
    public void An_old_team_member_and_check_in_without_the_metric_fields_read_with_their_defaults()
    {
        var team = DocumentJson.Deserialize<Team>("""{"id":"t1","organizationId":"o1","name":"West","defaultTimeZone":"UTC"}""");
        var member = DocumentJson.Deserialize<Member>("""
            {"id":"m1","teamId":"t1","displayName":"Ava","role":"Hunter","startDate":"2025-01-06","timeZoneId":"UTC",
             "metrics":[{"key":"calls","name":"Calls","unit":"calls","dailyTarget":30,"higherIsBetter":true}]}
            """);
        var checkIn = DocumentJson.Deserialize<CheckIn>("""{"memberId":"m1","reportDate":"2026-11-20","values":{"calls":32},"submittedAt":"2026-11-23T14:00:00Z"}""");

        Assert.Null(team.MetricPlan);
        Assert.Null(member.MetricsFrom);
        Assert.Empty(member.EarlierMetrics);
        Assert.Equal(30, member.MetricsOn(new NodaTime.LocalDate(2020, 1, 1)).Single().DailyTarget);
        Assert.Empty(checkIn.Metrics);
        Assert.Equal(30, checkIn.AsOnTheDay(member.Metrics[0]).DailyTarget);
    }
}
