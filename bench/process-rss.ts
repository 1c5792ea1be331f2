import { readdirSync, readFileSync } from "node:fs";

/** Resident memory of every process whose command line contains `needle`, in MiB. */
export function rssOfProcessesMatching(needle: string): { pid: number; rssMiB: number }[] {
  const found: { pid: number; rssMiB: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!cmdline.includes(needle)) continue;
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
      found.push({ pid: Number(entry), rssMiB: Math.round((rssKb / 1024) * 10) / 10 });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
