import { readdirSync, readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  command: string;
  rssMiB: number;
}

function readProcess(pid: string): (ProcessMemory & { ppid: number }) | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 4 (ppid) follows the parenthesised command, which may itself hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    return { pid: Number(pid), ppid, command, rssMiB: Math.round((rssKb / 1024) * 10) / 10 };
  } catch {
    return undefined; // The process ended while we looked.
  }
}

/** Every process below rootPid (children, grandchildren, …) with its resident memory. */
export function descendantsOf(rootPid: number): ProcessMemory[] {
  const all = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => readProcess(entry) ?? []);
  const found: ProcessMemory[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const candidate of all.filter((process) => process.ppid === parent)) {
      found.push({ pid: candidate.pid, command: candidate.command, rssMiB: candidate.rssMiB });
      frontier.push(candidate.pid);
    }
  }
  return found;
}
