import Link from "next/link";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { currentRequestId } from "@/lib/log/request-logger";

export default async function NotFound() {
  return (
    <ProblemPanel
      title="Page not found"
      requestId={await currentRequestId()}
      action={
        <Link href="/" className="text-accent underline">
          Go to the overview
        </Link>
      }
    >
      <p>There is nothing at this address. Check the link, or start again from the overview.</p>
    </ProblemPanel>
  );
}
