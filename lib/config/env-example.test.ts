import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "./schema";

describe(".env.example", () => {
  it("documents every setting the schema knows", () => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
    const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const missing = Object.keys(configSchema.shape).filter((name) => name !== "NODE_ENV" && !documented.has(name));
    expect(missing).toEqual([]);
  });
});
