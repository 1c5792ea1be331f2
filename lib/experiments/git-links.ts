// Links to where a run's code lives, from its mlflow.source.git.* tags. Only http(s) URLs become
// links (the tags are untrusted input); SSH remotes of the well-known hosts are read as https.

const COMMIT_PATHS: Record<string, string> = {
  "github.com": "commit",
  "gitlab.com": "-/commit",
  "bitbucket.org": "commits",
  "dev.azure.com": "commit",
};

/** The repository as an https URL without `.git`, or null when it is not a web address. */
export function repositoryWebUrl(repoUrl: string | null | undefined): string | null {
  if (!repoUrl) return null;
  const ssh = /^git@([A-Za-z0-9.-]+):(.+)$/.exec(repoUrl.trim());
  const candidate = ssh ? `https://${ssh[1]}/${ssh[2]}` : repoUrl.trim();
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/$/, "").replace(/\.git$/, "");
}

/** A link to the commit on hosts whose commit URLs are known, else null. */
export function commitWebUrl(repoUrl: string | null | undefined, commit: string | null | undefined): string | null {
  const repository = repositoryWebUrl(repoUrl);
  if (!repository || !commit || !/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  const path = COMMIT_PATHS[new URL(repository).hostname.toLowerCase()];
  return path ? `${repository}/${path}/${commit}` : null;
}
