import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const PROCESS_ENV_MESSAGE = "Read settings through getConfig() from lib/config.ts; process.env is parsed only there.";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Settings are parsed once, by zod, in lib/config.ts.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/config.ts", "lib/config/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: PROCESS_ENV_MESSAGE }],
      "no-restricted-syntax": [
        "error",
        { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']", message: PROCESS_ENV_MESSAGE },
      ],
    },
  },
  {
    // The app reaches the emulator only through URLs; UI code never reaches the database or upstreams.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/emulator", "**/emulator/**", "@/emulator/**"], message: "App code never imports the emulator." }] },
      ],
    },
  },
  {
    // Routes wire a request to verbs; only verbs reach the database and upstreams (issue 12).
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db", "@/lib/db/**", "@/lib/sources", "@/lib/sources/**"], message: "app/ calls verbs (lib/<area>/<verb>.ts) with requestServices(); it never reaches lib/db or lib/sources." },
            { group: ["**/emulator", "**/emulator/**", "@/emulator/**"], message: "App code never imports the emulator." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/**", "@/lib/sources/**", "@/lib/auth/**"], message: "Components render plain data; pages fetch it through lib verbs." },
            { group: ["**/emulator", "**/emulator/**", "@/emulator/**"], message: "App code never imports the emulator." },
          ],
        },
      ],
    },
  },
];
export default config;
