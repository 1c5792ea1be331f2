// @ts-check
import { createJiti } from "jiti";

// Parse the settings with the app's own schema, so a bad value fails `next build` and start.
const jiti = createJiti(import.meta.url);
const { parseConfig, ConfigError } = await jiti.import("./lib/config/schema.ts");
try {
  parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  typescript: { ignoreBuildErrors: false },
  // forbidden() answers a page a person's roles do not open with a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  // Browsers and tools ask for /favicon.ico whatever the page's <link rel="icon"> says.
  redirects: async () => [{ source: "/favicon.ico", destination: "/icon.svg", permanent: false }],
};

export default nextConfig;
