"use client";

import { createContext, useContext, type ReactNode } from "react";

const RequestIdContext = createContext<string | null>(null);

/** Lets client error boundaries show the id of the request that rendered the page. */
export function RequestIdProvider({ requestId, children }: { requestId: string | null; children: ReactNode }) {
  return <RequestIdContext.Provider value={requestId}>{children}</RequestIdContext.Provider>;
}

export function useRequestId(): string | null {
  return useContext(RequestIdContext);
}
