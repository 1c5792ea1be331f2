import { PageLoading } from "@/components/feedback/page-loading";

export default function Loading() {
  return <PageLoading label="Loading models…" rows={8} />;
}
