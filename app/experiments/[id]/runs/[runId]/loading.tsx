import { ListLoading } from "@/components/experiments/list-loading";

export default function Loading() {
  return <ListLoading label="Loading the run and its metric history from MLflow…" charts />;
}
