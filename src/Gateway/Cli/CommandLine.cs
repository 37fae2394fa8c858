namespace Trachea.Gateway.Cli;

/// <summary>Positional words and <c>--name value</c> options of one command line.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandLine(List<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var line = new CommandLine(words);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new CliUsageException($"{args[i]} needs a value.");
                }

                line._options[args[i][2..]] = args[++i];
            }
            else
            {
                words.Add(args[i]);
            }
        }

        return line;
    }

    public string Word(int index, string what) =>
        index < Words.Count ? Words[index] : throw new CliUsageException($"missing {what}.");

    public string Option(string name) =>
        _options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new CliUsageException($"--{name} is required.");

    public string? OptionalOption(string name) => _options.GetValueOrDefault(name);

    public void RequireOnly(int wordCount, params string[] optionNames)
    {
        if (Words.Count > wordCount)
        {
            throw new CliUsageException($"unexpected argument '{Words[wordCount]}'.");
        }

        var unknown = _options.Keys.FirstOrDefault(name => !optionNames.Contains(name));
        if (unknown is not null)
        {
            throw new CliUsageException($"unknown option --{unknown}.");
        }
    }
}
