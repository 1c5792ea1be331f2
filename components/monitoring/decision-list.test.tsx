// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import { DecisionList } from "./decision-list";

afterEach(cleanup);

const approval: DecisionAnnotation = { at: "2026-11-18T09:00:00.000Z", kind: "approval", version: "7", title: "v7 approved", who: "Alice Lead", why: "better lift on the holdout", href: "/approvals/r-1" };
const rollback: DecisionAnnotation = { at: "2026-11-20T15:30:00.000Z", kind: "rollback", version: "7", title: "v7 rolled back", who: "Bob", why: null, href: "/rollouts/ro-9" };

describe("the decision list", () => {
  it("gives each decision's time, who, title, why and link, in the order given", () => {
    render(<DecisionList annotations={[approval, rollback]} leftOut={0} />);
    const items = screen.getAllByTestId("decision");
    expect(items.map((item) => item.dataset.kind)).toEqual(["approval", "rollback"]);
    expect(items[0]!.textContent).toBe("✓2026-11-18 09:00:00 UTCApproval: v7 approved by Alice Lead — better lift on the holdout");
    expect(items[1]!.textContent).toBe("↺2026-11-20 15:30:00 UTCRollback: v7 rolled back by Bob");
    expect(within(items[1]!).getByRole("link", { name: "v7 rolled back" }).getAttribute("href")).toBe("/rollouts/ro-9");
    expect(screen.queryByTestId("decisions-left-out")).toBeNull();
  });

  it("says how many decisions were not drawn", () => {
    render(<DecisionList annotations={[approval]} leftOut={1234} />);
    expect(screen.getByTestId("decisions-left-out").textContent).toBe("1,234 more decisions in this range are not drawn (the oldest are shown): narrow the range to see them.");
    cleanup();
    render(<DecisionList annotations={[approval]} leftOut={1} />);
    expect(screen.getByTestId("decisions-left-out").textContent).toContain("1 more decision in this range is not drawn");
  });

  it("says when the range holds no decisions", () => {
    render(<DecisionList annotations={[]} leftOut={0} />);
    expect(screen.queryAllByTestId("decision")).toHaveLength(0);
    expect(screen.getByTestId("decision-list").textContent).toContain("No approvals, alias moves or rollout steps");
  });
});
