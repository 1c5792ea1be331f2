import { PageLoading } from "@/components/feedback/page-loading";

export default function Loading() {
  return <PageLoading label="Loading the experiment's runs from MLflow…" />;
}
