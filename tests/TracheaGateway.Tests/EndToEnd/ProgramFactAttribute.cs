namespace Trachea.Tests.EndToEnd;

/// <summary>A test that needs a program from the machine (nginx, caddy): skipped, saying so, when it is not installed.</summary>
public sealed class ProgramFactAttribute : FactAttribute
{
    public ProgramFactAttribute(string program)
    {
        if (ChildProcess.OnPath(program) is null)
        {
            Skip = $"{program} is not installed (.ci/run installs nginx-light and caddy)";
        }
    }
}
