using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Tests.Support;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>The scheduler publishes the newest analysis only: a slow old run never lands after a newer one.</summary>
public class DiagnosticsSchedulerTests
{
    private const string Uri = "file:///w/Dockerfile";

    [Fact]
    public async Task A_slow_run_of_an_old_version_is_never_published()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        var published = new List<PublishDiagnosticsParams>();
        var firstRunStarted = new ManualResetEventSlim();
        var releaseFirstRun = new ManualResetEventSlim();
        IReadOnlyList<Finding> Analyze(DocumentSnapshot doc, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
        {
            if (doc.Version == 1)
            {
                firstRunStarted.Set();
                releaseFirstRun.Wait(TimeSpan.FromSeconds(10)); // ignores cancellation on purpose: the worst case
            }
            var span = new TextSpan(0, 1);
            return new[] { new Finding("T" + doc.Version, Severity.Warning, doc.Path, span, doc.Text.GetRange(span), fs.ReadAllText(doc.Path) ?? "") };
        }

        var scheduler = new DiagnosticsScheduler(workspace, p => { lock (published) published.Add(p); }, new RecordingLog(), Analyze, workers: 2);
        workspace.Open(Uri, "dockerfile", 1, "one");
        scheduler.Schedule(Uri);
        Assert.True(firstRunStarted.Wait(TimeSpan.FromSeconds(10)));

        workspace.Change(Uri, 2, new[] { new DocumentChange(null, "two") });
        scheduler.Schedule(Uri);
        await WaitUntil(() => { lock (published) return published.Count == 1; });
        releaseFirstRun.Set();
        await Task.Delay(300);

        var only = Assert.Single(published);
        Assert.Equal(2, only.Version);
        Assert.Equal("T2", Assert.Single(only.Diagnostics).Code);
        Assert.Equal("two", only.Diagnostics[0].Message);
        // The findings behind the publish are kept for features such as code actions.
        var kept = scheduler.GetPublished(Uri);
        Assert.Equal(2, kept?.Version);
        Assert.Equal("T2", Assert.Single(kept!.Findings).Code);
    }

    [Fact]
    public async Task A_failing_analysis_is_logged_and_publishes_nothing()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        var published = new List<PublishDiagnosticsParams>();
        var log = new RecordingLog();
        var scheduler = new DiagnosticsScheduler(workspace, p => { lock (published) published.Add(p); }, log,
            (_, _, _, _) => throw new InvalidOperationException("rule crashed"));
        workspace.Open(Uri, "dockerfile", 1, "FROM a");
        scheduler.Schedule(Uri);
        await WaitUntil(() => log.Entries.Any(e => e.Message.Contains("rule crashed")));
        Assert.Empty(published);
    }

    [Fact]
    public async Task Closing_during_an_analysis_leaves_only_the_empty_publish()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        var published = new List<PublishDiagnosticsParams>();
        var started = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var scheduler = new DiagnosticsScheduler(workspace, p => { lock (published) published.Add(p); }, new RecordingLog(), (doc, _, _, _) =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            var span = new TextSpan(0, 0);
            return new[] { new Finding("T", Severity.Error, doc.Path, span, default, "x") };
        });
        workspace.Open(Uri, "dockerfile", 1, "x");
        scheduler.Schedule(Uri);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        workspace.Close(Uri);
        scheduler.Clear(Uri);
        release.Set();
        await Task.Delay(300);
        var only = Assert.Single(published);
        Assert.Empty(only.Diagnostics);
        Assert.Null(scheduler.GetPublished(Uri));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
