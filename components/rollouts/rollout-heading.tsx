import Link from "next/link";
import { StateBadge } from "@/components/promotions/state-badge";
import type { RolloutView } from "@/lib/rollouts/rollout-view";

/** The breadcrumb back to all rollouts and the rollout's title with its state. */
export function RolloutHeading({ rollout, stateLabel }: { rollout: RolloutView; stateLabel: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/rollouts" className="text-accent underline">Rollouts</Link>
      </nav>
      <h1 className="text-2xl font-semibold">
        {rollout.model} v{rollout.version} on {rollout.endpoint} <StateBadge state={rollout.status} label={stateLabel} />
      </h1>
    </>
  );
}
