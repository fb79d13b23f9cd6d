namespace Webcare.Core.Cases;

/// <summary>Who may do what. Platforms only say which roles a user has; the rules live here, once.</summary>
public static class AccessPolicy
{
    public static bool CanAct(Actor actor, CaseActionKind kind) =>
        actor.Roles.Contains(Role.Agent) || actor.Roles.Contains(Role.Lead);

    public static bool CanRun(Actor actor, IReadOnlyCollection<Role> allowed) =>
        allowed.Count == 0 || allowed.Any(actor.Roles.Contains);
}
