// Deep links between the registry, lineage and experiments pages, built in one place.

export function modelHref(name: string): string {
  return `/models/${encodeURIComponent(name)}`;
}

export function versionHref(name: string, version: string): string {
  return `${modelHref(name)}/versions/${encodeURIComponent(version)}`;
}

export function experimentHref(experimentId: string): string {
  return `/experiments/${encodeURIComponent(experimentId)}`;
}

/** A run's page (with its metric history charts), optionally at a section such as "datasets". */
export function runHref(experimentId: string, runId: string, section?: string): string {
  return `${experimentHref(experimentId)}/runs/${encodeURIComponent(runId)}${section ? `#${section}` : ""}`;
}

/** The commit on the repository's web page, for https GitHub, GitLab and Azure Repos URLs. */
export function commitHref(repoUrl: string | null, commit: string | null): string | null {
  if (!repoUrl || !commit || !/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  const base = repoUrl.trim().replace(/\.git$/, "").replace(/\/+$/, "");
  return /^https:\/\/[^\s"'<>]+$/.test(base) ? `${base}/commit/${commit}` : null;
}

/** A dynamic route segment as text: decoded once when it is still percent-encoded. */
export function segmentText(raw: string): string {
  if (!/%[0-9a-f]{2}/i.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
