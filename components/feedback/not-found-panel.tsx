import Link from "next/link";
import type { ReactNode } from "react";
import { ProblemPanel } from "./problem-panel";

/** Nothing at this address: what was not found, and the way back to where to look. */
export function NotFoundPanel({ title, back, children, requestId }: { title: string; back: { href: string; label: string }; children: ReactNode; requestId: string | null }) {
  return (
    <ProblemPanel
      title={title}
      requestId={requestId}
      action={
        <Link href={back.href} className="text-accent underline">
          {back.label}
        </Link>
      }
    >
      {children}
    </ProblemPanel>
  );
}
