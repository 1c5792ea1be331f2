import { describe, expect, it } from "vitest";
import { commitWebUrl, repositoryWebUrl } from "./git-links";

const commit = "3ec183b7458609e07105e1bf14b08ec67123998c";

describe("links to a run's code", () => {
  it("links commits on GitHub, GitLab, Bitbucket and Azure DevOps from https remotes", () => {
    expect(commitWebUrl("https://github.com/telco-ml/churn-models", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("https://github.com/telco-ml/churn-models.git", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("https://gitlab.com/team/sub/repo.git", commit)).toBe(`https://gitlab.com/team/sub/repo/-/commit/${commit}`);
    expect(commitWebUrl("https://bitbucket.org/team/repo.git", commit)).toBe(`https://bitbucket.org/team/repo/commits/${commit}`);
    expect(commitWebUrl("https://telco@dev.azure.com/telco/ml/_git/churn-models", commit)).toBe(`https://dev.azure.com/telco/ml/_git/churn-models/commit/${commit}`);
    expect(commitWebUrl("https://telco.visualstudio.com/ml/_git/churn-models", commit)).toBe(`https://telco.visualstudio.com/ml/_git/churn-models/commit/${commit}`);
  });

  it("reads SSH remotes of those hosts, scp-like or ssh://, as their web address", () => {
    expect(commitWebUrl("git@github.com:telco-ml/churn-models.git", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("ssh://git@github.com/telco-ml/churn-models.git", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("git@gitlab.com:team/repo.git", commit)).toBe(`https://gitlab.com/team/repo/-/commit/${commit}`);
    expect(commitWebUrl("ssh://git@gitlab.com:22/team/repo.git", commit)).toBe(`https://gitlab.com/team/repo/-/commit/${commit}`);
    expect(commitWebUrl("git@bitbucket.org:team/repo.git", commit)).toBe(`https://bitbucket.org/team/repo/commits/${commit}`);
    expect(commitWebUrl("git@ssh.dev.azure.com:v3/telco/ml/churn-models", commit)).toBe(`https://dev.azure.com/telco/ml/_git/churn-models/commit/${commit}`);
    expect(commitWebUrl("ssh://git@ssh.dev.azure.com/v3/telco/ml/churn-models", commit)).toBe(`https://dev.azure.com/telco/ml/_git/churn-models/commit/${commit}`);
    expect(repositoryWebUrl("git@github.com:telco-ml/churn-models.git")).toBe("https://github.com/telco-ml/churn-models");
  });

  it("links no commit on hosts whose commit URLs are unknown, nor a malformed commit", () => {
    expect(commitWebUrl("https://git.internal.example/repo", commit)).toBeNull();
    expect(commitWebUrl("https://github.com/a/b", "not-a-sha")).toBeNull();
    expect(commitWebUrl("https://github.com/a/b", null)).toBeNull();
    // An SSH-only server has no known web address.
    expect(repositoryWebUrl("git@git.internal.example:team/repo.git")).toBeNull();
    expect(repositoryWebUrl("ssh://git@git.internal.example/team/repo.git")).toBeNull();
    expect(repositoryWebUrl("git@ssh.dev.azure.com:telco/ml")).toBeNull();
  });

  it("only turns http(s) addresses into links, without credentials", () => {
    expect(repositoryWebUrl("https://user:token@github.com/a/b.git")).toBe("https://github.com/a/b");
    expect(repositoryWebUrl("https://github.com/a/b.git?x=1#y")).toBe("https://github.com/a/b");
    expect(repositoryWebUrl("https://git.internal.example/repo")).toBe("https://git.internal.example/repo");
    expect(repositoryWebUrl("javascript:alert(1)")).toBeNull();
    expect(repositoryWebUrl("file:///etc/passwd")).toBeNull();
    expect(repositoryWebUrl("not a url")).toBeNull();
    expect(repositoryWebUrl(null)).toBeNull();
  });
});
