import Link from "next/link";
import { ProblemPanel } from "./problem-panel";

/** An upstream failed and there is no earlier copy to show: say which, why, and what to do. */
export function UpstreamUnavailable({ upstream, message, requestId }: { upstream: string; message: string; requestId?: string | null }) {
  return (
    <ProblemPanel
      title={`${upstream} is not answering`}
      requestId={requestId}
      action={
        <Link href="/status" className="text-accent underline">
          Check the system status
        </Link>
      }
    >
      <p data-testid="upstream-unavailable">{message}</p>
      <p className="mt-2">Nothing was changed. Reload the page in a minute; if it persists, tell whoever runs {upstream} and quote the request id.</p>
    </ProblemPanel>
  );
}
