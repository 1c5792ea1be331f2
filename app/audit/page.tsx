import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { requirePageContext } from "@/lib/auth/request-context";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "Audit trail" };

const FILTERS = ["actor", "model", "kind", "from", "to"] as const;

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const values = Object.fromEntries([...FILTERS, "before"].map((key) => [key, typeof raw[key] === "string" ? raw[key] : undefined]));
  const ctx = await requirePageContext(`/audit${query(values)}`);
  const services = await requestServices();
  const filterValues = Object.fromEntries(FILTERS.map((key) => [key, values[key]]));
  return renderVerb(
    () => listAuditEvents(ctx, values, services),
    (data) => (
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="text-ink-muted">
            Every decision and change, append-only and hash-chained: the database refuses edits, and <code>npm run audit:verify</code> recomputes
            the chain.
          </p>
        </div>
        <AuditFilters values={filterValues} kinds={data.kinds} exportHref={`/api/audit/export${query(filterValues)}`} />
        <AuditTable rows={data.events} />
        <nav aria-label="Audit pages" className="flex gap-4 text-sm">
          {values.before && <Link className="text-accent underline" href={`/audit${query(filterValues)}`}>Newest events</Link>}
          {data.nextBefore && <Link className="text-accent underline" href={`/audit${query({ ...filterValues, before: data.nextBefore })}`}>Older events</Link>}
        </nav>
      </div>
    ),
  );
}
