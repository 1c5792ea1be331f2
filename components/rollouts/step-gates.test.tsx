// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GateResult } from "@/lib/domain/canary-judge";
import type { RolloutStatus } from "@/lib/rollouts/read-rollout";
import { StepGates } from "./step-gates";
import { ROLLOUT_STATUS_POLL_MS } from "./use-rollout-status";

const gate = (name: GateResult["gate"], status: GateResult["status"], candidate: number | null, baseline: number | null): GateResult => ({
  gate: name,
  status,
  candidate,
  baseline,
  limit: null,
  blocking: true,
  explanation: `${name} ${status}`,
});

function statusWith(verdict: GateResult["status"], requests: number): RolloutStatus {
  return {
    status: "running",
    revision: 3,
    currentStep: 1,
    applyPending: false,
    applyError: null,
    evaluation: {
      judgement: { verdict, frozen: false, freezeReason: null, unknownBecause: [], gates: [gate("sample", verdict, requests, requests * 9), gate("latency", verdict, 95, 90)] },
      window: { from: "2026-11-24T10:00:00.000Z", to: "2026-11-24T10:05:00.000Z" },
      asOf: "2026-11-24T10:05:00.000Z",
      note: null,
      readProblems: [],
    },
    evaluationProblem: null,
    awaitingCompletionConfirmation: false,
    checkedAt: "2026-11-24T10:05:01.000Z",
  };
}

function renderGates(initial: RolloutStatus) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <StepGates id="6f1c1c8e-0000-4000-8000-000000000001" initial={initial} baseline="blue" candidate="green" />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the step's gates", () => {
  it("show the server's evaluation, then the polled one as telemetry arrives", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "Date"] });
    const fetched = vi.fn(async () => Response.json(statusWith("pass", 40)));
    vi.stubGlobal("fetch", fetched);
    renderGates(statusWith("insufficient-data", 3));
    expect(screen.getByTestId("gates").getAttribute("data-verdict")).toBe("insufficient-data");
    expect(screen.getByRole("row", { name: /Minimum sample/ }).textContent).toContain("27");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ROLLOUT_STATUS_POLL_MS + 10);
    });
    expect(fetched).toHaveBeenCalledWith("/api/rollouts/6f1c1c8e-0000-4000-8000-000000000001/status", { cache: "no-store" });
    expect(screen.getByTestId("gates").getAttribute("data-verdict")).toBe("pass");
    expect(screen.getByRole("row", { name: /Minimum sample/ }).textContent).toContain("360");
  });

  it("say why the verdict is unknown, with the gates judged on old numbers marked unknown", () => {
    const initial = statusWith("unknown", 600);
    const why = "The request numbers are 60 s old, older than their 15 s refresh interval (Log Analytics answered 503).";
    initial.evaluation!.judgement.unknownBecause = [why];
    renderGates(initial);
    expect(screen.getByTestId("gates").getAttribute("data-verdict")).toBe("unknown");
    expect(screen.getByRole("row", { name: /Minimum sample/ }).getAttribute("data-status")).toBe("unknown");
    expect(screen.getByRole("row", { name: /Minimum sample/ }).textContent).toContain("Unknown");
    expect(screen.getByTestId("gates-unknown").textContent).toBe(`The verdict is unknown, so no step advances (auto mode waits; a lead may override with a written reason): ${why}`);
  });

  it("say the latest read failed and how old the numbers are, even when the verdict still stands", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T10:05:12.000Z"));
    const initial = statusWith("pass", 600);
    initial.evaluation!.readProblems = ["Log Analytics answered 500 (the last good answer is used)."];
    renderGates(initial);
    expect(screen.getByTestId("gates").getAttribute("data-verdict")).toBe("pass");
    expect(screen.queryByTestId("gates-unknown")).toBeNull();
    const stale = screen.getByTestId("stale-data").textContent;
    expect(stale).toContain("Log Analytics answered 500 (the last good answer is used).");
    expect(stale).toContain("request numbers 12 s old, as of");
  });

  it("say why the gates cannot be evaluated and that rollback still works", () => {
    renderGates({ ...statusWith("pass", 1), evaluation: null, evaluationProblem: "Log Analytics answered 503." });
    expect(screen.getByRole("status").textContent).toBe("The gates cannot be evaluated now: Log Analytics answered 503. Rollback still works. If it persists, tell whoever runs Log Analytics.");
  });
});
