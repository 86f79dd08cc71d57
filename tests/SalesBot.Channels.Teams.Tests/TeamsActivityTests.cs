using System.Text.Json;
using SalesBot.Channels.Teams.Activities;

namespace SalesBot.Channels.Teams.Tests;

public sealed class TeamsActivityTests
{
    private static Activity Parse(string json) => JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options)!;

    [Fact]
    public void The_time_zone_comes_from_local_timezone_first()
    {
        var activity = Parse("""{"localTimezone":"Europe/London","entities":[{"type":"clientInfo","timezone":"Asia/Tokyo"}]}""");

        Assert.Equal("Europe/London", TeamsActivity.TimeZoneOf(activity));
    }

    [Fact]
    public void The_time_zone_falls_back_to_the_client_info_entity()
    {
        var activity = Parse("""{"entities":[{"type":"mention","text":"<at>SalesBot</at>"},{"type":"clientInfo","locale":"en-GB","timezone":"Australia/Lord_Howe"}]}""");

        Assert.Equal("Australia/Lord_Howe", TeamsActivity.TimeZoneOf(activity));
    }

    [Fact]
    public void The_tenant_comes_from_channel_data_then_the_conversation_then_local()
    {
        Assert.Equal("t1", TeamsActivity.TenantOf(Parse("""{"channelData":{"tenant":{"id":"t1"}},"conversation":{"tenantId":"t2"}}""")));
        Assert.Equal("t2", TeamsActivity.TenantOf(Parse("""{"conversation":{"tenantId":"t2"}}""")));
        Assert.Equal("local", TeamsActivity.TenantOf(Parse("""{"conversation":{"id":"c"}}""")));
    }

    [Fact]
    public void A_channel_thread_is_traced_back_to_its_channel()
    {
        Assert.Equal("19:abc@thread.tacv2", TeamsActivity.ChannelRootOf(Parse("""{"conversation":{"id":"19:abc@thread.tacv2;messageid=17"}}""")));
        Assert.Equal("19:general@thread.tacv2", TeamsActivity.ChannelRootOf(Parse("""{"conversation":{"id":"19:x;messageid=1"},"channelData":{"channel":{"id":"19:general@thread.tacv2"}}}""")));
    }
}
