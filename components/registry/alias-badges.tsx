import Link from "next/link";
import { versionHref } from "@/lib/ui/mlflow-links";
import { MissingValue } from "./missing-value";

const ALIAS_STYLE: Record<string, string> = {
  champion: "border-ok bg-ok-bg text-ok",
  challenger: "border-warn bg-warn-bg text-warn",
};

export function AliasBadge({ alias }: { alias: string }) {
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 font-mono text-xs ${ALIAS_STYLE[alias] ?? "border-line text-ink"}`}>@{alias}</span>
  );
}

export function AliasBadges({ aliases }: { aliases: string[] }) {
  if (aliases.length === 0) return <MissingValue meaning="no alias" />;
  return (
    <span className="flex flex-wrap gap-1">
      {aliases.map((alias) => (
        <AliasBadge key={alias} alias={alias} />
      ))}
    </span>
  );
}

/** "v6" linking to the version page, or a dash when the alias is not set. */
export function VersionLink({ model, version, label }: { model: string; version: string | null; label?: string }) {
  if (version === null) return <MissingValue meaning={label ? `no ${label}` : "none"} />;
  return (
    <Link href={versionHref(model, version)} className="text-accent underline">
      {label && <span className="sr-only">{label} </span>}v{version}
      <span className="sr-only"> of {model}</span>
    </Link>
  );
}
