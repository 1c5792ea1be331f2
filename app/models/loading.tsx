import { TableSkeleton } from "@/components/registry/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Loading models…" />;
}
