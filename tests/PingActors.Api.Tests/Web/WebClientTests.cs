namespace PingActors.Api.Tests.Web;

/// <summary>
/// The web client at <c>/</c> in two real browsers (Alice and Bob) against the API on Kestrel: everything after
/// sign-in arrives through the stream, without a reload. Ends with screenshots of both pages in docs/screenshots.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebClientTests(ApiFixture fixture)
{
    [Fact]
    public void AliceAndBob_SeeThePing_TheReply_AndTheReadReceipt_Live()
    {
        var site = fixture.Anonymous().BaseAddress!;
        var (alice, bob) = ($"alice-{Guid.NewGuid():N}"[..12], $"bob-{Guid.NewGuid():N}"[..10]);
        using var alicePage = SignedIn(site, alice);
        using var bobPage = SignedIn(site, bob);

        alicePage.Type("#new-listing input[name=title]", "Road bike, 56 cm");
        alicePage.Click("#new-listing button");
        alicePage.Shows("#listings li", "Road bike");
        var listingId = alicePage.TextOf("#listings li .id");

        bobPage.Type("#new-ping input[name=listingId]", listingId);
        bobPage.Type("#new-ping input[name=message]", "Is it still for sale?");
        bobPage.Click("#new-ping button");
        bobPage.Shows("#sent li", "pending");
        Assert.Equal("49", bobPage.TextOf("#remaining"));

        var received = alicePage.Shows("#received li", "Is it still for sale?");
        Assert.Contains($"from {bob}", received, StringComparison.Ordinal);
        alicePage.Type("#received li input[name=reply]", "Yes! Come by tomorrow.");
        alicePage.Click("#received li button[type=submit]");
        alicePage.Shows("#received li", "responded");
        alicePage.Click("#chats li", bob);
        alicePage.Shows("#messages li.mine", "Yes! Come by tomorrow.");

        bobPage.Shows("#sent li", "responded");
        bobPage.Shows("#sent li", "Reply: Yes! Come by tomorrow.");
        bobPage.Shows("#chats li .unread", "1");
        bobPage.Click("#chats li", alice);
        bobPage.Shows("#messages li", "Yes! Come by tomorrow.");

        alicePage.Shows("#messages li.receipt", "Seen");

        bobPage.Type("#new-message input[name=text]", "Great, see you at six.");
        bobPage.Click("#new-message button");
        alicePage.Shows("#messages li", "Great, see you at six.");
        bobPage.Shows("#messages li.receipt", "Seen");

        var screenshots = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        alicePage.SaveFullPage(Path.Combine(screenshots, "web-client-alice-1280.png"), 1280);
        bobPage.SaveFullPage(Path.Combine(screenshots, "web-client-bob-1280.png"), 1280);
        bobPage.SaveFullPage(Path.Combine(screenshots, "web-client-bob-390.png"), 390);
    }

    private static Browser SignedIn(Uri site, string username)
    {
        var page = new Browser(site);
        page.Type("#username", username);
        page.Click("#sign-in button");
        page.Shows("#live", "live");
        return page;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PingActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
