import { describe, expect, it } from "vitest";
import { commitWebUrl, repositoryWebUrl } from "./git-links";

describe("links to a run's code", () => {
  it("links commits on the hosts whose URLs are known", () => {
    const commit = "3ec183b7458609e07105e1bf14b08ec67123998c";
    expect(commitWebUrl("https://github.com/telco-ml/churn-models", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("https://github.com/telco-ml/churn-models.git", commit)).toBe(`https://github.com/telco-ml/churn-models/commit/${commit}`);
    expect(commitWebUrl("git@gitlab.com:team/repo.git", commit)).toBe(`https://gitlab.com/team/repo/-/commit/${commit}`);
    expect(commitWebUrl("https://git.internal.example/repo", commit)).toBeNull();
    expect(commitWebUrl("https://github.com/a/b", "not-a-sha")).toBeNull();
  });

  it("only turns http(s) addresses into links, without credentials", () => {
    expect(repositoryWebUrl("https://user:token@github.com/a/b.git")).toBe("https://github.com/a/b");
    expect(repositoryWebUrl("javascript:alert(1)")).toBeNull();
    expect(repositoryWebUrl("file:///etc/passwd")).toBeNull();
    expect(repositoryWebUrl("not a url")).toBeNull();
    expect(repositoryWebUrl(null)).toBeNull();
  });
});
