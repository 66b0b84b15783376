using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using PingActors.Api.Problems;

namespace PingActors.Api.Tests.OpenApi;

/// <summary>
/// The problem slugs an endpoint's handler names in its code: every string constant of <see cref="ProblemTypes"/>
/// its IL loads, in the handler, its async state machine, its lambdas and every helper of the API it calls (a
/// feature's mapping of refusals to problems, say), but not the table of all problems in <c>PingActors.Api.Problems</c>
/// that every problem goes through. Read from the compiled assembly, so a route added later is read like the others.
/// </summary>
internal static class HandlerProblems
{
    private static readonly Dictionary<ushort, OpCode> _opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!).ToDictionary(op => unchecked((ushort)op.Value));

    /// <summary>Every slug in <see cref="ProblemTypes"/>.</summary>
    public static IReadOnlySet<string> AllSlugs { get; } = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string) && field.Name != nameof(ProblemTypes.BaseUri))
        .Select(field => (string)field.GetRawConstantValue()!).ToHashSet();

    public static IReadOnlySet<string> Of(MethodInfo handler)
    {
        var found = new HashSet<string>();
        Scan(handler, handler.DeclaringType!, found, []);
        return found;
    }

    private static void Scan(MethodBase method, Type owner, HashSet<string> found, HashSet<MethodBase> seen)
    {
        if (!seen.Add(method))
        {
            return;
        }

        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is { } machine)
        {
            Scan(machine.StateMachineType.GetMethod("MoveNext", BindingFlags.NonPublic | BindingFlags.Instance)!, owner, found, seen);
        }

        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? _opCodes[(ushort)(0xFE00 | il[i + 1])] : _opCodes[il[i]];
            i += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineString:
                    var text = method.Module.ResolveString(BitConverter.ToInt32(il, i));
                    if (AllSlugs.Contains(text))
                    {
                        found.Add(text);
                    }

                    break;
                case OperandType.InlineMethod:
                    if (Resolve(method, BitConverter.ToInt32(il, i)) is { } callee && IsOurs(callee.DeclaringType, owner))
                    {
                        Scan(callee, owner, found, seen);
                    }

                    break;
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null; // a method of a generic type this context cannot close: not ours
        }
    }

    /// <summary>A type of the handler's own assembly, outside the shared problem table and its helpers.</summary>
    private static bool IsOurs(Type? type, Type owner) =>
        type is not null && type.Assembly == owner.Assembly
        && type.Namespace?.StartsWith(typeof(ProblemTypes).Namespace!, StringComparison.Ordinal) != true;
}
