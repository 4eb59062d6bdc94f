using PyDockerLsp.Core.Analysis.Rules.OsPackages;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>
/// The "add non-root user" fixes of PD401. The rules they follow:
/// <list type="bullet">
/// <item>A user the Dockerfile already has — an earlier non-root USER, or one created with useradd/adduser — is
/// reused: the fix only adds <c>USER name</c>.</item>
/// <item>Otherwise a group and a user are created in the final stage, right after its FROM (so the layer stays
/// cached), with the syntax of the image's OS: shadow's groupadd/useradd for Debian, Ubuntu and Red Hat images,
/// BusyBox's addgroup/adduser for Alpine. Names and ids are appuser/appgroup and 1001 (the first free id from
/// 1001 up), unless the file already gives files to an owner that no step creates (<c>COPY --chown=app:app</c>,
/// <c>chown 1000:1000</c>): then that owner is created, so the existing ownership means what it was meant to.
/// Distroless images have no shell: they get <c>USER nonroot</c>, scratch gets the bare <c>65532:65532</c>.</item>
/// <item><c>USER</c> goes after the last RUN/COPY/ADD/WORKDIR of the final stage, so every build step still runs as
/// root (package installs keep working) while the container runs as the user; an explicit <c>USER root</c> with no
/// build step after it is rewritten in place.</item>
/// <item>Ownership: code and installed packages stay owned by root, so the application can read but not rewrite
/// them. Directories declared with VOLUME in the final stage are created and given to the user, and COPY/ADD into
/// them get <c>--chown</c>. A second, less strict fix also gives the user the final stage's WORKDIR and
/// <c>--chown</c>s what is copied there, for applications that write next to their code (SQLite files, uploads,
/// caches).</item>
/// </list>
/// </summary>
internal sealed class NonRootUserFix
{
    private const int FirstId = 1001;

    private readonly RuleContext _context;
    private readonly Stage _final;
    private readonly IReadOnlyList<Stage> _chain;
    private readonly UserInstruction? _rootUser;
    private readonly OsFamily _os;
    private readonly AccountUse _accounts;
    private readonly string _text;
    private readonly DockerfileStyle _style;

    public NonRootUserFix(RuleContext context, Stage final, IReadOnlyList<Stage> chain, UserInstruction? rootUser, OsFamily os)
    {
        _context = context;
        _final = final;
        _chain = chain;
        _rootUser = rootUser;
        _os = os;
        _accounts = UserAccounts.Collect(context.Syntax, chain);
        _text = context.Source.Text;
        _style = DockerfileStyle.Of(context.Syntax);
    }

    public IReadOnlyList<Fix> Build()
    {
        if (ExistingUser() is { } existing)
            return new[] { _context.PreferredDockerfileFix($"Run as the existing user {existing}", FixSafety.Unsafe, SwitchTo(existing, Array.Empty<string>())) };
        switch (_os)
        {
            case OsFamily.Windows:
                return Array.Empty<Fix>();
            case OsFamily.Distroless:
                return new[] { _context.PreferredDockerfileFix("Run as the image's nonroot user", FixSafety.Unsafe, SwitchTo("nonroot", Array.Empty<string>())) };
            case OsFamily.Scratch:
                return new[] { _context.PreferredDockerfileFix("Run as the unprivileged uid 65532", FixSafety.Unsafe, SwitchTo("65532:65532", Array.Empty<string>())) };
        }

        var account = NewAccount();
        var fixes = new List<Fix>(2);
        var volumes = VolumeFolders();
        fixes.Add(_context.PreferredDockerfileFix($"Create the non-root user {account.User} and run as it", FixSafety.Unsafe,
            CreateAndSwitch(account, volumes)));
        if (AppFolder() is { } app && !volumes.Contains(app))
        {
            var writable = new List<string>(volumes) { app };
            fixes.Add(_context.DockerfileFix($"Create the non-root user {account.User} that owns {app} and run as it", FixSafety.Unsafe,
                CreateAndSwitch(account, writable)));
        }
        return fixes;
    }

    /// <summary>A non-root user the file already switches to earlier or creates, or null.</summary>
    private string? ExistingUser()
    {
        string? found = null;
        foreach (var user in _accounts.UserInstructions)
        {
            if (ReferenceEquals(user, _rootUser)) continue;
            if (user.User is { } value && value.IndexOf('$') < 0 && !UserAccounts.IsRoot(value)) found = value;
        }
        if (found is not null) return found;
        return _accounts.Users.Count > 0 ? _accounts.Users[^1].Name : null;
    }

    private sealed record Account(string User, string Group, int Uid, int Gid, bool GroupExists);

    /// <summary>The user to create: an owner the file already names but never creates, else appuser/appgroup with the first free id.</summary>
    private Account NewAccount()
    {
        string? user = null, group = null;
        int? uid = null, gid = null;
        foreach (var owner in _accounts.Owners)
        {
            if (owner.IndexOf('$') >= 0) continue;
            var (ownerUser, ownerGroup) = UserAccounts.Split(owner);
            if (ownerUser.Length == 0 || UserAccounts.IsRoot(ownerUser) || _accounts.IsCreatedUser(ownerUser)) continue;
            if (UserAccounts.Number(ownerUser) is { } number) { uid ??= number; gid ??= UserAccounts.Number(ownerGroup); }
            else { user ??= ownerUser; if (ownerGroup is not null && UserAccounts.Number(ownerGroup) is null) group ??= ownerGroup; }
        }
        user ??= "appuser";
        group ??= user == "appuser" ? "appgroup" : user;
        int id = FirstId;
        while (_accounts.TakenIds.Contains(id)) id++;
        // A group of that name created earlier (groupadd appgroup without a user) is used, not created twice.
        foreach (var existing in _accounts.Groups)
            if (existing.Name == group) return new Account(user, group, uid ?? id, existing.Gid ?? 0, GroupExists: true);
        return new Account(user, group, uid ?? id, gid ?? uid ?? id, GroupExists: false);
    }

    /// <summary>The commands that create the account (and give it <paramref name="writable"/>), in the OS's syntax.</summary>
    private string[] CreationCommands(Account account, IReadOnlyList<string> writable)
    {
        var commands = new List<string>(4);
        if (_os == OsFamily.Alpine)
        {
            if (!account.GroupExists) commands.Add($"addgroup -S -g {account.Gid} {account.Group}");
            commands.Add($"adduser -S -u {account.Uid} -G {account.Group} -H {account.User}");
        }
        else
        {
            if (!account.GroupExists) commands.Add($"groupadd --system --gid {account.Gid} {account.Group}");
            commands.Add($"useradd --system --uid {account.Uid} --gid {account.Group} --no-create-home {account.User}");
        }
        if (writable.Count > 0)
        {
            string folders = string.Join(" ", writable);
            commands.Add("mkdir -p " + folders);
            commands.Add($"chown {account.User}:{account.Group} {folders}");
        }
        return commands.ToArray();
    }

    private TextEdit[] CreateAndSwitch(Account account, IReadOnlyList<string> writable)
    {
        string indent = DockerfileEdits.IndentOf(_text, _final.From);
        var creation = _style.Run(indent, CreationCommands(account, writable));
        var edits = new List<TextEdit>(SwitchTo(account.User, new[] { creation }));
        if (writable.Count > 0) edits.AddRange(ChownCopies(account, writable));
        return edits.ToArray();
    }

    /// <summary>
    /// The edits that make the final image run as <paramref name="user"/>: <paramref name="linesAfterFrom"/> right
    /// after the final FROM, and USER after the last build step (or an explicit <c>USER root</c> rewritten).
    /// </summary>
    private TextEdit[] SwitchTo(string user, string[] linesAfterFrom)
    {
        var from = _final.From;
        Instruction? lastStep = null;
        foreach (var instruction in _final.Instructions)
            if (instruction is RunInstruction or FileTransferInstruction or WorkdirInstruction) lastStep = instruction;

        var edits = new List<TextEdit>(2);
        bool rewriteRoot = _rootUser is not null && ReferenceEquals(_rootUser.Stage, _final)
            && (lastStep is null || lastStep.Span.Start < _rootUser.Span.Start);
        string newLine = _style.NewLine;
        if (rewriteRoot)
        {
            edits.Add(new TextEdit(_rootUser!.UserSpan, user));
            if (linesAfterFrom.Length > 0) edits.Add(DockerfileEdits.InsertLinesAfter(_text, from, newLine, linesAfterFrom));
            return edits.ToArray();
        }
        var anchor = lastStep ?? (Instruction)from;
        string userLine = DockerfileEdits.IndentOf(_text, anchor) + "USER " + user;
        if (ReferenceEquals(anchor, from))
        {
            edits.Add(DockerfileEdits.InsertLinesAfter(_text, from, newLine, linesAfterFrom.Append(userLine).ToArray()));
            return edits.ToArray();
        }
        if (linesAfterFrom.Length > 0) edits.Add(DockerfileEdits.InsertLinesAfter(_text, from, newLine, linesAfterFrom));
        edits.Add(DockerfileEdits.InsertLinesAfter(_text, anchor, newLine, userLine));
        return edits.ToArray();
    }

    /// <summary>The literal absolute VOLUME folders of the final stage.</summary>
    private List<string> VolumeFolders()
    {
        var folders = new List<string>();
        foreach (var volume in _final.InstructionsOf<VolumeInstruction>())
            foreach (var path in volume.Paths)
                if (StagePaths.Resolve(null, path.Value) is { } folder && folder != "/" && !folders.Contains(folder)) folders.Add(folder);
        return folders;
    }

    /// <summary>The final stage's last WORKDIR, when it is a literal folder other than /.</summary>
    private string? AppFolder()
    {
        string? workdir = StagePaths.InitialWorkdir(_final);
        string? last = null;
        foreach (var w in _final.InstructionsOf<WorkdirInstruction>())
        {
            workdir = StagePaths.Resolve(workdir, w.Path);
            last = workdir;
        }
        return last is null or "/" ? null : last;
    }

    /// <summary><c>--chown=user:group</c> for every COPY/ADD of the final stage that writes into <paramref name="writable"/>
    /// and does not set an owner yet.</summary>
    private IEnumerable<TextEdit> ChownCopies(Account account, IReadOnlyList<string> writable)
    {
        string? workdir = StagePaths.InitialWorkdir(_final);
        foreach (var instruction in _final.Instructions)
        {
            if (instruction is WorkdirInstruction w) workdir = StagePaths.Resolve(workdir, w.Path);
            if (instruction is not FileTransferInstruction copy || copy.ChownFlag is not null || copy.Destination is null) continue;
            if (StagePaths.Resolve(workdir, copy.Destination.Value) is not { } destination) continue;
            foreach (var folder in writable)
            {
                if (!StagePaths.IsInside(destination, folder)) continue;
                yield return TextEdit.Insert(copy.KeywordSpan.End, $" --chown={account.User}:{account.Group}");
                break;
            }
        }
    }
}
