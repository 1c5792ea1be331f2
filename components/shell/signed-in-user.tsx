export interface HeaderUser {
  name: string;
  roles: string[];
}

/** Name, roles and sign-out; sign-out is a POST so a link elsewhere cannot sign people out. */
export function SignedInUser({ user }: { user: HeaderUser }) {
  const roles = user.roles.map((role) => role.replace(/^Stagegate\./, ""));
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="signed-in-user">
      <div className="text-right leading-tight">
        <p className="font-medium">{user.name}</p>
        <p className="text-ink-muted" data-testid="user-roles">
          {roles.length > 0 ? roles.join(", ") : "No Stagegate role"}
        </p>
      </div>
      <form method="post" action="/auth/sign-out">
        <button type="submit" className="rounded border border-line px-2 py-1 hover:bg-surface">
          Sign out
        </button>
      </form>
    </div>
  );
}
