import { headers } from "next/headers";
import { NotPermitted } from "@/components/feedback/not-permitted";
import { refusalMessageFor } from "@/lib/auth/page-permissions";
import { PATH_HEADER } from "@/lib/log/request-id";

/** Answered with HTTP 403: the signed-in person's roles do not open this page. */
export default async function Forbidden() {
  return <NotPermitted message={refusalMessageFor((await headers()).get(PATH_HEADER))} />;
}
