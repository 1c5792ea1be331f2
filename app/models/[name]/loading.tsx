import { TableSkeleton } from "@/components/registry/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Loading the model and its versions…" />;
}
