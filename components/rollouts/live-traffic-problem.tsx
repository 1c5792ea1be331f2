import { RequestIdQuote } from "@/components/feedback/request-id-quote";

/** The endpoint's live traffic could not be read from ARM: what happened and whom to tell, with the request id. */
export function LiveTrafficProblem({ message }: { message: string | null }) {
  return (
    <span role="status" className="text-bad" data-testid="live-traffic-unavailable">
      {message ?? "Azure Resource Manager did not say what the endpoint serves."} Reload in a minute; if it persists, tell whoever runs Azure Resource Manager
      <RequestIdQuote />.
    </span>
  );
}
