using System.Diagnostics;

// Prints the median wall time, in milliseconds, of one bcrypt verify at the given work factor:
// the floor under the cost of a password login, measured on the machine the benchmark runs on.
var workFactor = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 12;
var samples = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
var hash = BCrypt.Net.BCrypt.HashPassword("correct horse battery", workFactor);
BCrypt.Net.BCrypt.Verify("correct horse battery", hash);
var times = new double[samples];
for (var i = 0; i < samples; i++)
{
    var watch = Stopwatch.StartNew();
    BCrypt.Net.BCrypt.Verify("correct horse battery", hash);
    times[i] = watch.Elapsed.TotalMilliseconds;
}

Array.Sort(times);
Console.WriteLine(times[samples / 2].ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
