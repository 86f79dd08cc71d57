using SalesBot.Conversations.Flows;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public sealed class NameMatchTests
{
    private static readonly Member[] Team =
    [
        MemberBuilder.ARep("a").WithName("Ava Patel").Build(),
        MemberBuilder.ARep("b").WithName("Ben Okafor").Build(),
        MemberBuilder.ARep("c").WithName("Chloe Martin").Build(),
        MemberBuilder.ARep("d").WithName("Diego Alvarez").Build(),
    ];

    [Theory]
    [InlineData("ava", "a")]
    [InlineData("@Diego", "d")]
    [InlineData("chole", "c")]
    [InlineData("okafor", "b")]
    [InlineData("Ava Patle", "a")]
    [InlineData("mart", "c")]
    public void A_first_name_a_surname_a_beginning_or_a_small_slip_finds_the_rep(string typed, string id) =>
        Assert.Equal([id], NameMatch.Find(typed.TrimStart('@'), Team).Select(m => m.Id));

    [Theory]
    [InlineData("bob")]
    [InlineData("zed")]
    [InlineData("")]
    public void A_name_nobody_has_finds_nobody(string typed) =>
        Assert.Empty(NameMatch.Find(typed, Team));
}
