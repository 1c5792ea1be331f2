// The browser tests use Debian's Chromium (Playwright's own browser download is not reachable).
import { existsSync } from "node:fs";
import { run } from "./processes.mjs";

export const CHROMIUM = "/usr/bin/chromium";

/** Makes sure /usr/bin/chromium exists: installs Debian's package as root, else explains how. */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium), then run npm test again.`,
    );
  }
  console.log("Chromium is missing: installing Debian's chromium package…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update"], { env })) !== 0 || (await run("apt-get", ["install", "-y", "chromium"], { env })) !== 0) {
    throw new Error("apt-get could not install chromium; install it by hand (apt-get install -y chromium) and run npm test again.");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing.`);
}
