// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ActionState } from "@/lib/ui/action-state";
import { RolloutControls } from "./rollout-controls";

afterEach(cleanup);

const props = { rolloutId: "6f1c1c8e-0000-4000-8000-000000000001", status: "running" as const, autoMode: false, canOperate: true, canRollback: true, drift: false };

describe("rollout controls", () => {
  it("wait after a success until the page brings the next revision, then take another action, keeping the message", async () => {
    const sent: string[] = [];
    const accept = async (_state: ActionState, form: FormData): Promise<ActionState> => {
      sent.push(`${String(form.get("action"))}@${String(form.get("expectedRevision"))}/${String(form.get("idempotencyKey"))}`);
      return { status: "ok", message: "Done.", fieldErrors: {} };
    };
    const { rerender } = render(<RolloutControls {...props} action={accept} revision={3} idempotencyKey="key-aaaaaaaa" />);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    });
    expect(sent).toEqual(["pause@3/key-aaaaaaaa"]);
    expect((screen.getByRole("button", { name: "Roll back" }) as HTMLButtonElement).disabled).toBe(true);

    rerender(<RolloutControls {...props} status="paused" action={accept} revision={4} idempotencyKey="key-bbbbbbbb" />);
    expect(screen.getByTestId("form-feedback").textContent).toContain("Done.");
    const rollback = screen.getByRole("button", { name: "Roll back" }) as HTMLButtonElement;
    expect(rollback.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(rollback);
    });
    expect(sent).toEqual(["pause@3/key-aaaaaaaa", "rollback@4/key-bbbbbbbb"]);
  });

  it("asks once more before aborting, which cannot be undone; keeping the rollout sends nothing", async () => {
    const sent: string[] = [];
    const accept = async (_state: ActionState, form: FormData): Promise<ActionState> => {
      sent.push(String(form.get("action")));
      return { status: "ok", message: "Done.", fieldErrors: {} };
    };
    render(<RolloutControls {...props} action={accept} revision={3} idempotencyKey="key-aaaaaaaa" />);
    fireEvent.click(screen.getByRole("button", { name: "Abort…" }));
    expect(screen.getByRole("group").textContent).toContain("cannot be resumed");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Abort the rollout" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("group")).toBeNull();
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Abort…" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Abort the rollout" }));
    });
    expect(sent).toEqual(["abort"]);
  });
});
