import Link from "next/link";
import type { NavItem } from "@/lib/ui/navigation";
import type { Theme } from "@/lib/ui/theme";
import { NavLinks } from "./nav-links";
import { SignedInUser, type HeaderUser } from "./signed-in-user";
import { ThemeSwitcher } from "./theme-switcher";

interface AppHeaderProps {
  environment: string;
  navItems: NavItem[];
  theme: Theme;
  user: HeaderUser | null;
}

export function AppHeader({ environment, navItems, theme, user }: AppHeaderProps) {
  return (
    <header className="border-b border-line bg-surface-raised">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-block h-5 w-5 rounded-sm bg-accent" />
          Stagegate
        </Link>
        <span
          className="rounded-full border border-line px-2 py-0.5 text-xs font-medium uppercase tracking-wide text-ink-muted"
          title="Environment"
          data-testid="environment-badge"
        >
          {environment}
        </span>
        {navItems.length > 0 && <NavLinks items={navItems} />}
        <div className="ml-auto flex items-center gap-4">
          <ThemeSwitcher initial={theme} />
          {user && <SignedInUser user={user} />}
        </div>
      </div>
    </header>
  );
}
