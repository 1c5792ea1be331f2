import { TableSkeleton } from "@/components/registry/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Loading the version's lineage…" rows={6} />;
}
