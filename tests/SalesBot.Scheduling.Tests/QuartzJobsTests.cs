using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Quartz;
using SalesBot.Conversations;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Storage.Sqlite;
using SalesBot.Testing;

namespace SalesBot.Scheduling.Tests;

/// <summary>
/// The real Quartz scheduler, hosted as the app hosts it, running the real jobs over a real SQLite
/// file: nothing here calls a job's code directly. Time for the business rules comes from a fake clock;
/// the test awaits what the jobs do, bounded, and never sleeps.
/// </summary>
public sealed class QuartzJobsTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FakeClock _clock = new(TestData.MondayMorningInNewYork + Duration.FromMinutes(1));
    private readonly SignallingMessenger _messenger = new(TestData.Channel);
    private TempSqlite _db = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _db = await TempSqlite.CreateAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["Scheduling:SweepMinutes"] = "60", ["Scheduling:OutboxSweepSeconds"] = "1" });
        builder.Services
            .AddSingleton<IClock>(_clock)
            .AddSingleton<IChannelMessenger>(_messenger)
            .AddSingleton(_db.Database)
            .AddSalesBotSqliteStores()
            .AddSalesBotConversations()
            .AddSalesBotScheduling(builder.Configuration);
        _host = builder.Build();
        // Quartz keeps its logger factory in a static; each test's host brings its own.
        Quartz.Logging.LogContext.SetCurrentLogProvider(_host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
        var now = _clock.GetCurrentInstant();
        await _host.Services.GetRequiredService<IStoreWriter>().CommitAsync(c => c
            .PutTeam(TestData.Team, Expect.Absent)
            .PutOrganization(TestData.Organization, Expect.Absent)
            .PutMember(MemberBuilder.ARep("ny").InZone("America/New_York").Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("london").InZone("Europe/London").Build(), Expect.Absent)
            .PutConversation(TestRecords.DirectChat("ny", now))
            .PutConversation(TestRecords.DirectChat("london", now)));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task At_nine_in_new_york_the_started_scheduler_prompts_the_new_york_rep_through_the_outbox_and_nobody_else()
    {
        await _host.StartAsync();

        await _messenger.FirstSendAsync(Bound);
        // The send is recorded when the dispatch that made it finishes (or, had it just finished, after the next one).
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var dispatched = new JobRan(OutboxDispatchJob.Key);
        scheduler.ListenerManager.AddJobListener(dispatched);
        await dispatched.Done.WaitAsync(Bound);

        var (to, message) = Assert.Single(_messenger.Sent);
        Assert.Equal("ny", to.OwnerId);
        Assert.Contains("Time for your check-in", message.Text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await _host.Services.GetRequiredService<IOutbox>().GetAsync("checkin-prompt:ny:2026-11-23"))!.Status);
    }

    [Fact]
    public async Task A_schedule_change_runs_the_schedule_job_at_once_and_the_one_o_clock_reminder_goes_out()
    {
        await _host.StartAsync();
        await _messenger.FirstSendAsync(Bound);

        _clock.Reset(TestData.MondayMorningInNewYork + Duration.FromHours(4) + Duration.FromMinutes(1)); // 13:01 in New York
        _host.Services.GetRequiredService<IScheduleSignal>().SchedulesChanged();
        await _messenger.SendsAsync(2, Bound);

        var reminder = _messenger.Sent[1];
        Assert.Equal("ny", reminder.To.OwnerId);
        Assert.StartsWith("A quick reminder", reminder.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_start_up_the_schedule_job_plans_its_next_run_for_the_next_thing_due_in_the_stored_schedules()
    {
        _clock.Reset(TestData.MondayMorningInNewYork + Duration.FromHours(3) + Duration.FromMinutes(30)); // 12:30 in New York
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var ran = new JobRan(ScheduleJob.Key);
        scheduler.ListenerManager.AddJobListener(ran);

        await _host.StartAsync();
        await ran.Done.WaitAsync(Bound);

        // 13:00 in New York is the reminder, half an hour away (and 20 ms, in case Quartz fires early); the sweep alone would come in an hour.
        var next = await scheduler.GetTrigger(ScheduleJob.NextRun);
        var wait = next!.GetNextFireTimeUtc()!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(wait, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30) + TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task The_prune_job_removes_dedupe_marks_past_their_retention()
    {
        var events = _host.Services.GetRequiredService<IEventLog>();
        var longAgo = _clock.GetCurrentInstant() - Retention.EventMarks - Duration.FromDays(1);
        await events.TryClaimAsync("slack:old", longAgo, Duration.FromMinutes(2));
        await _host.Services.GetRequiredService<IStoreWriter>().CommitAsync(c => c.CompleteEvent("slack:old", longAgo));
        await _host.StartAsync();
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var ran = new JobRan(StorePruneJob.Key);
        scheduler.ListenerManager.AddJobListener(ran);

        await scheduler.TriggerJob(StorePruneJob.Key);
        await ran.Done.WaitAsync(Bound);

        // Its mark is gone, so the event counts as new (a mark merely past its time would too; the row count says it was deleted).
        await using var connection = await _db.Database.OpenAsync();
        Assert.Equal(0L, await SqliteDatabase.ScalarAsync(connection, "SELECT COUNT(*) FROM events WHERE key = 'slack:old';", default));
    }

    /// <summary>Completes when a given job has run (after its body, exceptions included).</summary>
    private sealed class JobRan(JobKey key) : Quartz.Listener.JobListenerSupport
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string Name => $"ran-{key}";

        public Task Done => _done.Task;

        public override Task JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(key))
            {
                _ = jobException is null ? _done.TrySetResult() : _done.TrySetException(jobException);
            }

            return Task.CompletedTask;
        }
    }
}
