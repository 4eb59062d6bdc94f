namespace PyDockerLsp.Core.Scaffolding;

/// <summary>The defaults used when the project's code does not say otherwise, each with the reason given to the user.</summary>
public static class FrameworkDefaults
{
    /// <summary>The port a web framework's app is expected on when nothing in the code names one.</summary>
    public static Reasoned<int> PortFor(WebFramework framework) => framework switch
    {
        // Flask's own server (flask run, app.run) listens on 5000, so Flask apps' compose files, proxies and docs expect it.
        WebFramework.Flask => new(5000, "Flask's default port: flask run and app.run listen on 5000"),
        WebFramework.Django => new(8000, "Django's default port: runserver and gunicorn listen on 8000"),
        WebFramework.FastApi => new(8000, "FastAPI's default port: uvicorn and fastapi run listen on 8000"),
        _ => new(8000, "gunicorn's and uvicorn's default port"),
    };

    /// <summary>Workers per container when the CPU budget is unknown at build time: two survive one worker's crash and
    /// fit the smallest containers; the run-time WEB_CONCURRENCY overrides it.</summary>
    public const int WebConcurrency = 2;
}
