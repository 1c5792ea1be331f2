import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { QueryProvider } from "@/components/shell/query-provider";
import { RequestIdProvider } from "@/components/shell/request-id-context";
import { getRequestContext, hasAnyPagePermission } from "@/lib/auth/request-context";
import { getConfig } from "@/lib/config";
import { REQUEST_ID_HEADER } from "@/lib/log/request-id";
import { navigationFor } from "@/lib/ui/navigation";
import { THEME_COOKIE, themeFrom } from "@/lib/ui/theme";
import { inter } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stagegate", template: "%s · Stagegate" },
  description: "Control plane for machine learning in production on Azure",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const theme = themeFrom(cookieStore.get(THEME_COOKIE)?.value);
  const context = await getRequestContext();
  // Navigation only for people who may open its pages; the pages check again themselves.
  const navItems = context && hasAnyPagePermission(context) ? navigationFor(context.permissions) : [];
  return (
    <html lang="en" data-theme={theme} className={inter.variable}>
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-accent focus:px-3 focus:py-2 focus:text-accent-ink"
        >
          Skip to content
        </a>
        <RequestIdProvider requestId={headerStore.get(REQUEST_ID_HEADER)}>
          <AppHeader
            environment={getConfig().STAGEGATE_ENVIRONMENT}
            navItems={navItems}
            theme={theme}
            user={context ? { name: context.user.name, roles: context.roles } : null}
          />
          {/* Focusable so the skip link moves focus here, not only the scroll position. */}
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            <QueryProvider>{children}</QueryProvider>
          </main>
        </RequestIdProvider>
      </body>
    </html>
  );
}
