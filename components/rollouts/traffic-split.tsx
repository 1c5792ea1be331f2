import { describeSplit, type TrafficSplit } from "@/lib/domain/rollout-plan";

export function TrafficSplitText({ split, testId }: { split: TrafficSplit; testId?: string }) {
  return (
    <span className="font-mono text-sm" data-testid={testId}>
      {describeSplit(split)}
    </span>
  );
}
