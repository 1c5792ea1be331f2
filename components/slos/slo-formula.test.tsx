// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SloFormula } from "./slo-formula";
import { defaultSlo } from "./slo-view-testing";

afterEach(cleanup);

const KQL = { windows: "AppRequests\n| summarize Total1h = sum(ItemCount)\n", series: "AppRequests\n| summarize Total = sum(ItemCount) by bin(TimeGenerated, 1h)" };

describe("the SLO's formulas", () => {
  it("writes each formula with the SLO's own target, the good and valid events, the counting rule and the KQL sent", () => {
    render(<SloFormula definition={defaultSlo("churn-endpoint-latency")} kql={KQL} />);
    const formula = screen.getByTestId("slo-formula");
    const terms = [...formula.querySelectorAll("dt")].map((term) => [term.textContent, term.nextElementSibling!.textContent]);
    expect(terms).toEqual([
      ["SLI", "good ÷ valid events; valid: live requests that succeeded (a failure counts against availability, not latency); good: those answered within 120 ms."],
      // 1 − 0.95 = 0.05.
      ["Error budget", "1 − target = 1 − 95 % = 5 % of valid events may be bad over 30 days."],
      ["Burn rate", "(1 − SLI) ÷ (1 − target): 1× spends the budget exactly over the 30 days; 14.4× spends it 14.4 times as fast."],
      ["Budget remaining", "1 − bad ÷ ((1 − target) × valid): 100 % untouched, 0 % spent, below 0 % overspent."],
    ]);
    expect(screen.getByTestId("counting-note").textContent).toBe(
      "Events are counted with sum(ItemCount), since Application Insights samples requests; mirrored (shadow) traffic is excluded: it reached no customer.",
    );
    expect(formula.querySelector("details > summary")!.textContent).toBe("KQL sent to Log Analytics");
    // Both queries as sent (trimmed), each a named region keyboard users can scroll.
    expect(screen.getByRole("region", { name: "Alert windows and the period, in one pass (churn-endpoint-latency)" }).textContent).toBe("AppRequests\n| summarize Total1h = sum(ItemCount)");
    expect(screen.getByRole("region", { name: "Per cell, for the charts (churn-endpoint-latency)" }).getAttribute("tabindex")).toBe("0");
  });

  it("sends no KQL for training time and says the runs come from MLflow", () => {
    render(<SloFormula definition={defaultSlo("churn-xgb-training-time")} kql={null} />);
    expect(screen.getByTestId("slo-formula").querySelector("details")).toBeNull();
    expect(screen.getByTestId("counting-note").textContent).toBe("Runs come from MLflow's experiment /Shared/churn/xgb-training (one runs search); no KQL is sent.");
  });

  it("counts a freshness probe as 5 table-minutes", () => {
    render(<SloFormula definition={defaultSlo("fraud-lgbm-feature-freshness")} kql={KQL} />);
    expect(screen.getByTestId("counting-note").textContent).toContain("stands for 5 table-minutes");
    expect(screen.getByTestId("slo-formula").textContent).toContain("1 − 99 % = 1 % of valid events");
  });
});
