import { PageLoading } from "@/components/feedback/page-loading";

export default function Loading() {
  return <PageLoading label="Loading the run and its metric history from MLflow…" charts />;
}
