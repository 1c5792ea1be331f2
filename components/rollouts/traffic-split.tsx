import type { TrafficSplit } from "@/lib/domain/rollout-plan";

/** "blue 90% · green 10%, mirror green 10%": deployments at zero are left out. */
export function describeSplit(split: TrafficSplit): string {
  const live = Object.entries(split.traffic).filter(([, percent]) => percent > 0).map(([name, percent]) => `${name} ${percent}%`).join(" · ") || "none";
  const mirror = Object.entries(split.mirrorTraffic).filter(([, percent]) => percent > 0).map(([name, percent]) => `${name} ${percent}%`).join(" · ");
  return mirror ? `${live}; mirrored to ${mirror}` : live;
}

export function TrafficSplitText({ split, testId }: { split: TrafficSplit; testId?: string }) {
  return (
    <span className="font-mono text-sm" data-testid={testId}>
      {describeSplit(split)}
    </span>
  );
}
