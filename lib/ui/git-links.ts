// Links to where a run's code lives, from its mlflow.source.git.* tags. The tags are untrusted
// input: only http(s) addresses become links, without credentials, query or fragment. SSH remotes
// (`git@host:org/repo.git`, `ssh://git@host/org/repo`) are read as the host's web address only for
// the hosts below, whose web and commit URLs are known; any other SSH remote is no link.

/** Where a commit's page sits under the repository's web address, per host. */
const COMMIT_PATHS: Record<string, string> = {
  "github.com": "commit",
  "gitlab.com": "-/commit",
  "bitbucket.org": "commits",
  "dev.azure.com": "commit",
};

const SCP_LIKE = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/)(.+)$/;

function commitPathFor(hostname: string): string | undefined {
  // Azure DevOps' older addresses: https://<org>.visualstudio.com/<project>/_git/<repo>.
  return COMMIT_PATHS[hostname] ?? (hostname.endsWith(".visualstudio.com") ? "commit" : undefined);
}

/** An SSH remote's host and path as the host's https web address, or null when the host is not a known one. */
function sshAsHttps(host: string, path: string): string | null {
  const hostname = host.toLowerCase();
  const parts = path.replace(/^\/+/, "").split("/");
  // Azure DevOps: git@ssh.dev.azure.com:v3/<org>/<project>/<repo> is https://dev.azure.com/<org>/<project>/_git/<repo>.
  if (hostname === "ssh.dev.azure.com" || hostname === "vs-ssh.visualstudio.com") {
    const [v3, org, project, repo] = parts;
    return v3 === "v3" && org && project && repo && parts.length === 4 ? `https://dev.azure.com/${org}/${project}/_git/${repo}` : null;
  }
  return commitPathFor(hostname) ? `https://${hostname}/${parts.join("/")}` : null;
}

/** The repository as an http(s) URL without `.git`, or null when it is not a web address. */
export function repositoryWebUrl(repoUrl: string | null | undefined): string | null {
  const text = repoUrl?.trim();
  if (!text) return null;
  const scp = SCP_LIKE.exec(text);
  let candidate: string | null = scp ? sshAsHttps(scp[1]!, scp[2]!) : text;
  let url: URL;
  try {
    url = new URL(candidate ?? "");
    if (url.protocol === "ssh:") {
      candidate = sshAsHttps(url.hostname, decodeURIComponent(url.pathname));
      url = new URL(candidate ?? "");
    }
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/+$/, "").replace(/\.git$/, "");
}

/** A link to the commit on hosts whose commit URLs are known, else null. */
export function commitWebUrl(repoUrl: string | null | undefined, commit: string | null | undefined): string | null {
  const repository = repositoryWebUrl(repoUrl);
  if (!repository || !commit || !/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  const path = commitPathFor(new URL(repository).hostname.toLowerCase());
  return path ? `${repository}/${path}/${commit}` : null;
}
