import { PageLoading } from "@/components/feedback/page-loading";

export default function Loading() {
  return <PageLoading label="Loading the model and its versions…" rows={8} />;
}
