using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Limits;

/// <summary>
/// The policies over HTTP: admins read and change them (validated, versioned), and a candidate runs in shadow, never
/// changing an answer, counting what it would have refused. Each test puts the policies back as it found them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LimitPolicyApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Policies_ReadByAnAdmin_ShowTheEnforcedPolicyAndItsVersion()
    {
        var admin = await AdminAsync();

        var policies = await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"));

        var enforced = policies.GetProperty("enforced");
        Assert.Equal(("token-bucket", 50, 50), (enforced.GetProperty("allowance").GetString(), enforced.GetProperty("standardCap").GetInt32(), enforced.GetProperty("maxPending").GetInt32()));
        Assert.True(policies.GetProperty("version").GetInt64() >= 0);
    }

    [Fact]
    public async Task Policies_ForSomeoneNotAnAdmin_Are403()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.GetAsync("/v1/admin/limits/policy"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await client.PutAsJsonAsync("/v1/admin/limits/policy", new { enforced = new { } }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Policies_Invalid_Are400NamingEveryFieldAndChangeNothing()
    {
        var admin = await AdminAsync();
        var before = (await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"))).GetProperty("version").GetInt64();

        var response = await admin.PutAsJsonAsync("/v1/admin/limits/policy", new
        {
            enforced = new { maxPending = 0, standardCap = -1 },
            candidate = new { adaptiveCooldownAfter = 0 },
            candidateRolloutPercent = 101,
        });

        await AssertInvalidAsync(response, "enforced.maxPending", "enforced.standardCap", "candidate.adaptiveCooldownAfter", "candidateRolloutPercent");
        Assert.Equal(before, (await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"))).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Policies_ChangedAgainstAStaleVersion_Are409()
    {
        var admin = await AdminAsync();
        var version = (await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"))).GetProperty("version").GetInt64();

        var response = await admin.PutAsJsonAsync("/v1/admin/limits/policy", new { enforced = new { }, expectedVersion = version + 7 });

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "policy-changed");
    }

    [Fact]
    public async Task Candidate_InShadow_ChangesNoAnswer_AndCountsWhatItWouldHaveRefused_AndWhatWasAnswered()
    {
        var admin = await AdminAsync();
        var before = await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"));
        var changed = await admin.PutAsJsonAsync("/v1/admin/limits/policy", new
        {
            enforced = before.GetProperty("enforced"),
            candidate = new { standardCap = 1 },
            expectedVersion = before.GetProperty("version").GetInt64(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var since = (await JsonAsync(changed)).GetProperty("changedAt").GetDateTimeOffset();
        try
        {
            var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
            var pings = new List<(HttpClient Owner, Guid PingId)>();
            for (var i = 0; i < 3; i++)
            {
                var (_, owner, listingId) = await NewListingAsync();
                var sent = await sender.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
                pings.Add((owner, (await JsonAsync(sent)).GetProperty("pingId").GetGuid()));
            }

            await pings[2].Owner.PostAsJsonAsync($"/v1/pings/{pings[2].PingId}/respond", new { message = "Yes" });
            var shadow = await JsonAsync(await admin.GetAsync($"/v1/admin/limits/shadow?since={Uri.EscapeDataString(since.ToString("O"))}"));

            // A cap of 1: the second and third pings of the sender would have been refused, and the third was answered.
            Assert.Equal((2, 1), (shadow.GetProperty("wouldHaveRefused").GetInt64(), shadow.GetProperty("laterAnswered").GetInt64()));
            Assert.Equal("daily", shadow.GetProperty("byRule").EnumerateArray().Single().GetProperty("rule").GetString());
        }
        finally
        {
            var now = await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"));
            await admin.PutAsJsonAsync("/v1/admin/limits/policy", new { enforced = before.GetProperty("enforced"), expectedVersion = now.GetProperty("version").GetInt64() });
        }
    }

    private Task<HttpClient> AdminAsync() => Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
}
