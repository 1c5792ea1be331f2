import Link from "next/link";
import { ProblemPanel } from "./problem-panel";

/** A page the signed-in user's roles do not open: says which role to ask for. */
export function NotPermitted({ message }: { message: string }) {
  return (
    <ProblemPanel
      title="You cannot open this page"
      action={
        <Link href="/" className="text-accent underline">
          Go to the overview
        </Link>
      }
    >
      <p data-testid="not-permitted">{message}</p>
    </ProblemPanel>
  );
}
