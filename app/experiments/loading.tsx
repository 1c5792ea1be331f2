import { ListLoading } from "@/components/experiments/list-loading";

export default function Loading() {
  return <ListLoading label="Loading experiments from MLflow…" />;
}
