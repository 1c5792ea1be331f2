// Stagegate's addresses of MLflow's entities, one builder each: the registry, lineage and
// experiments pages all link through these.

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
  return `${experimentHref(experimentId)}/runs/${encodeURIComponent(runId)}${section ? `#${encodeURIComponent(section)}` : ""}`;
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
