import Link from "next/link";
import type { AppliedAliasCheck } from "@/lib/promotions/applied-alias-check";
import { RequestIdQuote } from "@/components/feedback/request-id-quote";
import { formatUtc } from "@/lib/ui/format";

const versionHref = (model: string, version: string) => `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;

/**
 * What MLflow serves now against what this approval applied (as a rollout's drift banner does for
 * traffic). Nothing while they agree; a warning when someone moved or deleted the alias outside
 * Stagegate, with what to do; a note when a later approval moved it, or when MLflow could not say.
 */
export function AppliedAliasBanner({ model, check }: { model: string; check: AppliedAliasCheck | null }) {
  if (!check || check.state === "agrees") return null;
  const alias = <span className="font-mono">{check.alias}</span>;
  if (check.state === "superseded") {
    return (
      <p role="status" className="text-sm text-ink-muted" data-testid="alias-superseded">
        Stagegate has since moved alias {alias} to v{check.by.version} (
        <Link className="text-accent underline" href={`/approvals/${check.by.requestId}`}>
          a later approval
        </Link>
        , applied <time dateTime={check.by.appliedAt}>{formatUtc(check.by.appliedAt)}</time>).
      </p>
    );
  }
  if (check.state === "unchecked") {
    return (
      <p role="status" className="rounded border border-line p-3 text-sm" data-testid="alias-check-unavailable">
        Stagegate could not check whether alias {alias} still points to this version in MLflow: {check.problem.message} Reload the page later to check again; if it persists, tell whoever runs MLflow
        <RequestIdQuote />.
      </p>
    );
  }
  const { approvedVersion, currentVersion, appliedAt, asOf } = check;
  const applied = <time dateTime={appliedAt}>{formatUtc(appliedAt)}</time>;
  return (
    <div role="alert" className="space-y-1 rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="alias-drift" data-current-version={currentVersion ?? ""}>
      <p>
        {currentVersion ? (
          <>
            Alias {alias} now points to v{currentVersion} in MLflow, not v{approvedVersion} as approved and applied on {applied}; someone changed it outside Stagegate.
          </>
        ) : (
          <>
            Alias {alias} no longer exists in MLflow, though Stagegate set it to v{approvedVersion} on {applied}; someone removed it outside Stagegate.
          </>
        )}
      </p>
      <p>
        If v{approvedVersion} should hold it, point {alias} back to v{approvedVersion} in MLflow.
        {currentVersion && (
          <>
            {" "}If v{currentVersion} is meant to, request{" "}
            <Link className="text-accent underline" href={versionHref(model, currentVersion)}>
              its promotion
            </Link>{" "}
            so the change has an approval on record.
          </>
        )}
      </p>
      <p className="text-xs">
        MLflow read at <time dateTime={asOf}>{formatUtc(asOf)}</time>
        {check.staleBecause && <>; it is not answering now ({check.staleBecause}), so this is its last answer</>}.
      </p>
    </div>
  );
}
