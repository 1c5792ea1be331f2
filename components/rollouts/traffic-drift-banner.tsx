import Link from "next/link";
import type { RolloutDrift } from "@/lib/rollouts/read-rollout";
import { TrafficSplitText } from "./traffic-split";

/**
 * The endpoint's live traffic against what Stagegate last applied for this rollout. While it runs,
 * someone changed it outside Stagegate and a lead settles it; after it ended, the page still tells
 * the truth: what the rollout left is no longer what the endpoint serves.
 */
export function TrafficDriftBanner({ drift }: { drift: RolloutDrift }) {
  const split = (
    <>
      it is <TrafficSplitText split={drift.live} />, but Stagegate last applied <TrafficSplitText split={drift.applied} />.
    </>
  );
  if (!drift.afterEnd) {
    return (
      <p role="alert" className="rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="traffic-drift" data-after-end="false">
        The endpoint&apos;s traffic was changed outside Stagegate: {split} Re-apply the plan&apos;s traffic or adopt the live one.
      </p>
    );
  }
  const later = drift.laterRollout;
  return (
    <p role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="traffic-drift" data-after-end="true">
      The endpoint&apos;s traffic no longer matches what this rollout left: {split}{" "}
      {later ? (
        <>
          A later rollout on this endpoint (
          <Link className="text-accent underline" href={`/rollouts/${later.id}`}>
            {later.model} v{later.version}, {later.status.replace("_", " ")}
          </Link>
          ) may have changed it.
        </>
      ) : (
        "It was changed outside Stagegate after the rollout ended."
      )}
    </p>
  );
}
