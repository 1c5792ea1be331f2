// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { SloDefinition } from "@/lib/domain/slo/definitions";
import type { ActionState } from "@/lib/ui/action-state";
import { percentFromRatio, ratioFromPercent, SloDefinitionForm } from "./slo-definition-form";

const KEY = "save-latency-key-1";
const LATENCY: SloDefinition = {
  id: "churn-endpoint-latency",
  kind: "latency",
  endpoint: "churn-endpoint",
  thresholdMs: 120,
  target: 0.95,
  periodDays: 30,
  owner: "ML Platform team",
  runbook: { kind: "cache-warm", url: "https://wiki.contoso.com/ml-platform/runbooks/endpoint-cache-warm" },
};
const TRAINING: SloDefinition = {
  id: "churn-xgb-training-time",
  kind: "training-time",
  model: "churn_xgb",
  experiment: "/Shared/churn/xgb-training",
  thresholdHours: 2,
  target: 0.95,
  periodDays: 30,
  owner: "ML Platform team",
  runbook: { kind: "other", url: "https://wiki.contoso.com/ml-platform/runbooks/training-capacity" },
};

afterEach(cleanup);

/** An action that records what the form sent and answers `answer`. */
function recording(answer: ActionState) {
  const sent: FormData[] = [];
  const action = async (_state: ActionState, form: FormData): Promise<ActionState> => {
    sent.push(form);
    return answer;
  };
  return { sent, action };
}

async function submit(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

describe("the target as a percentage", () => {
  it("converts to exactly the ratio a person means, where dividing by 100 would not", () => {
    // The literal is the double nearest the decimal, as the schema and the database compare it.
    expect(99.9 / 100).not.toBe(0.999);
    expect(Number(ratioFromPercent("99.9"))).toBe(0.999);
    expect(Number(ratioFromPercent("99.99"))).toBe(0.9999);
    expect(Number(ratioFromPercent("99.999"))).toBe(0.99999);
    expect(Number(ratioFromPercent("95"))).toBe(0.95);
    expect(Number(ratioFromPercent("12.345"))).toBe(0.12345);
    expect(ratioFromPercent("99.9")).toBe("0.999");
  });

  it("keeps a finer target finer, so the schema refuses it rather than the form rounding it away", () => {
    expect(ratioFromPercent("99.9995")).toBe("0.999995");
    expect(ratioFromPercent("100")).toBe("1");
  });

  it("sends nothing for an empty or unreadable entry, which the verb refuses as missing a number", () => {
    expect(ratioFromPercent("")).toBe("");
    expect(ratioFromPercent("  ")).toBe("");
    expect(ratioFromPercent("abc")).toBe("");
  });

  it("shows a stored ratio as the percentage it was typed as", () => {
    expect(percentFromRatio(0.999)).toBe("99.9");
    expect(percentFromRatio(0.9999)).toBe("99.99");
    expect(percentFromRatio(0.95)).toBe("95");
    expect(percentFromRatio(0.99999)).toBe("99.999");
  });
});

describe("SLO definition form", () => {
  it("labels each field of a latency SLO with the saved values and sends them under the verb's field paths", async () => {
    const { sent, action } = recording({ status: "ok", message: "Saved as version 1.", fieldErrors: {} });
    render(<SloDefinitionForm action={action} definition={LATENCY} version={0} idempotencyKey={KEY} />);
    const form = screen.getByRole("form", { name: "Edit churn-endpoint-latency" });
    expect((within(form).getByLabelText("Latency threshold (ms)") as HTMLInputElement).value).toBe("120");
    expect((within(form).getByLabelText("Target (%)") as HTMLInputElement).value).toBe("95");
    expect((within(form).getByLabelText("Period (days)") as HTMLInputElement).value).toBe("30");
    expect((within(form).getByLabelText("Owner") as HTMLInputElement).value).toBe("ML Platform team");
    expect((within(form).getByLabelText("Runbook kind") as HTMLSelectElement).value).toBe("cache-warm");
    expect((within(form).getByLabelText("Runbook link") as HTMLInputElement).value).toBe(LATENCY.runbook.url);
    expect(within(form).queryByLabelText("MLflow experiment")).toBeNull();

    fireEvent.change(within(form).getByLabelText("Latency threshold (ms)"), { target: { value: "150" } });
    fireEvent.change(within(form).getByLabelText("Target (%)"), { target: { value: "99.9" } });
    fireEvent.change(within(form).getByLabelText("Runbook kind"), { target: { value: "rollback" } });
    fireEvent.change(within(form).getByLabelText("What changed and why"), { target: { value: "Checkout tolerates 150 ms" } });
    expect(within(form).getByText("Saved as the ratio 0.999.")).toBeTruthy();
    await submit("Save churn-endpoint-latency");

    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.entries())).toEqual({
      id: "churn-endpoint-latency",
      expectedVersion: "0",
      idempotencyKey: KEY,
      "content.kind": "latency",
      "content.endpoint": "churn-endpoint",
      "content.thresholdMs": "150",
      "content.target": "0.999",
      "content.periodDays": "30",
      "content.owner": "ML Platform team",
      "content.runbook.kind": "rollback",
      "content.runbook.url": LATENCY.runbook.url,
      changeNote: "Checkout tolerates 150 ms",
    });
    // The percentage itself is not sent: one target, as a ratio.
    expect(sent[0]!.getAll("content.target")).toEqual(["0.999"]);
  });

  it("has the kind's own threshold: hours and the experiment for training time, none for availability", () => {
    const { action } = recording({ status: "ok", message: "", fieldErrors: {} });
    render(<SloDefinitionForm action={action} definition={TRAINING} version={2} idempotencyKey={KEY} />);
    const training = screen.getByRole("form", { name: "Edit churn-xgb-training-time" });
    expect((within(training).getByLabelText("Training time threshold (hours)") as HTMLInputElement).name).toBe("content.thresholdHours");
    expect((within(training).getByLabelText("MLflow experiment") as HTMLInputElement).value).toBe("/Shared/churn/xgb-training");
    cleanup();

    const availability: SloDefinition = { id: "churn-endpoint-availability", kind: "availability", endpoint: "churn-endpoint", target: 0.999, periodDays: 30, owner: "SRE", runbook: { kind: "rollback", url: "https://wiki.contoso.com/rollback" } };
    render(<SloDefinitionForm action={action} definition={availability} version={0} idempotencyKey={KEY} />);
    const form = screen.getByRole("form", { name: "Edit churn-endpoint-availability" });
    expect(within(form).queryByLabelText(/threshold/)).toBeNull();
    expect((within(form).getByLabelText("Target (%)") as HTMLInputElement).value).toBe("99.9");
  });

  it("shows a refusal next to the fields it names, announced, and keeps what the admin typed", async () => {
    const { sent, action } = recording({
      status: "error",
      message: "Nothing was changed. Fix these and try again: content.target: must be below 1: a 100 % target leaves no error budget; changeNote: say in a few words what changed and why.",
      fieldErrors: { "content.target": "must be below 1: a 100 % target leaves no error budget", changeNote: "say in a few words what changed and why" },
    });
    render(<SloDefinitionForm action={action} definition={LATENCY} version={1} idempotencyKey={KEY} />);
    const target = screen.getByLabelText("Target (%)") as HTMLInputElement;
    fireEvent.change(target, { target: { value: "100" } });
    fireEvent.change(screen.getByLabelText("What changed and why"), { target: { value: "no" } });
    await submit("Save churn-endpoint-latency");

    expect(sent[0]!.get("content.target")).toBe("1");
    expect(screen.getByRole("alert").textContent).toContain("Nothing was changed");
    const targetProblem = screen.getByText("must be below 1: a 100 % target leaves no error budget");
    expect(target.getAttribute("aria-invalid")).toBe("true");
    expect(target.getAttribute("aria-describedby")).toContain(targetProblem.id);
    const note = screen.getByLabelText("What changed and why") as HTMLTextAreaElement;
    expect(note.getAttribute("aria-describedby")).toBe(screen.getByText("say in a few words what changed and why").id);
    expect(target.value).toBe("100");
    expect(note.value).toBe("no");
  });

  it("after a save, confirms it and shows the new version's values as the page brings them, with an empty change note", async () => {
    const { action } = recording({ status: "ok", message: "Saved as version 2: 95 % of churn-endpoint's live requests answer within 150 ms over 30 days.", fieldErrors: {} });
    const { rerender } = render(<SloDefinitionForm action={action} definition={LATENCY} version={1} idempotencyKey={KEY} />);
    fireEvent.change(screen.getByLabelText("Latency threshold (ms)"), { target: { value: "150" } });
    fireEvent.change(screen.getByLabelText("What changed and why"), { target: { value: "Checkout tolerates 150 ms" } });
    await submit("Save churn-endpoint-latency");
    rerender(<SloDefinitionForm action={action} definition={{ ...LATENCY, thresholdMs: 150 }} version={2} idempotencyKey="save-latency-key-2" />);

    expect(screen.getByRole("status").textContent).toContain("Saved as version 2");
    expect((screen.getByLabelText("Latency threshold (ms)") as HTMLInputElement).value).toBe("150");
    expect((screen.getByLabelText("What changed and why") as HTMLTextAreaElement).value).toBe("");
    expect((document.querySelector('input[name="expectedVersion"]') as HTMLInputElement).value).toBe("2");
  });
});
