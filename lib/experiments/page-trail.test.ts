import { describe, expect, it } from "vitest";
import { FIRST_PAGE, nextPosition, pageNumber, previousPosition, TRAIL_LIMIT, trailPagerLinks } from "./page-trail";

describe("page trail", () => {
  it("walks forward and back through token pages", () => {
    const second = nextPosition(FIRST_PAGE, "t2");
    const third = nextPosition(second, "t3");
    expect(second).toEqual({ token: "t2", trail: [] });
    expect(third).toEqual({ token: "t3", trail: ["t2"] });
    expect([pageNumber(FIRST_PAGE), pageNumber(second), pageNumber(third)]).toEqual([1, 2, 3]);
    expect(previousPosition(third)).toEqual(second);
    expect(previousPosition(second)).toEqual(FIRST_PAGE);
    expect(previousPosition(FIRST_PAGE)).toBeNull();
  });

  it("caps the trail and stops claiming a page number past the cap", () => {
    let position = FIRST_PAGE;
    for (let page = 2; page <= TRAIL_LIMIT + 5; page += 1) position = nextPosition(position, `t${page}`);
    expect(position.trail).toHaveLength(TRAIL_LIMIT);
    expect(position.trail.at(-1)).toBe(`t${TRAIL_LIMIT + 4}`);
    expect(pageNumber(position)).toBeNull();
    expect(previousPosition(position)?.token).toBe(`t${TRAIL_LIMIT + 4}`);
  });

  it("links first, previous and next, and says where the page sits", () => {
    const href = (position: { token?: string; trail: string[] }) => `/x?page=${position.token ?? ""}&trail=${position.trail.join(",")}`;
    expect(trailPagerLinks(FIRST_PAGE, "t2", href, 25, 25)).toEqual({ firstHref: null, previousHref: null, nextHref: "/x?page=t2&trail=", position: "Page 1 (1–25)" });
    const third = { token: "t3", trail: ["t2"] };
    expect(trailPagerLinks(third, null, href, 3, 25)).toEqual({ firstHref: "/x?page=&trail=", previousHref: "/x?page=t2&trail=", nextHref: null, position: "Page 3 (51–53)" });
    expect(trailPagerLinks({ token: "t2", trail: [] }, null, href, 0, 25)).toMatchObject({ firstHref: null, previousHref: "/x?page=&trail=", position: "Page 2" });
  });
});
