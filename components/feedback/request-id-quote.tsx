"use client";

import { useRequestId } from "@/components/shell/request-id-context";

/**
 * "and quote request id …" for a panel: the id given, else the id of the request that rendered the
 * page (the layout provides it), so every "not answering" panel can be quoted to support.
 */
export function RequestIdQuote({ requestId }: { requestId?: string | null }) {
  const fromPage = useRequestId();
  const id = requestId ?? fromPage;
  if (!id) return null;
  return (
    <>
      {" "}and quote request id <span className="font-mono">{id}</span>
    </>
  );
}
