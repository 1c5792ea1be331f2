import { NotFoundPanel } from "@/components/feedback/not-found-panel";
import { currentRequestId } from "@/lib/log/request-logger";

export default async function NotFound() {
  return (
    <NotFoundPanel title="Page not found" back={{ href: "/", label: "Go to the overview" }} requestId={await currentRequestId()}>
      <p>There is nothing at this address. Check the link, or start again from the overview.</p>
    </NotFoundPanel>
  );
}
