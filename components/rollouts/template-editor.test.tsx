// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ActionState } from "@/lib/ui/action-state";
import { TemplateEditor } from "./template-editor";

const KEY = "save-standard-key-1";
const SAVED = JSON.stringify({ steps: [{ kind: "live", percent: 100 }], bakeSeconds: 60 }, null, 2);

afterEach(cleanup);

describe("template editor", () => {
  it("keeps the admin's text after a refused save, next to the problem, so it can be fixed rather than retyped", async () => {
    const submitted: string[] = [];
    const keys: string[] = [];
    const refuse = async (_state: ActionState, form: FormData): Promise<ActionState> => {
      submitted.push(String(form.get("content")));
      keys.push(String(form.get("idempotencyKey")));
      return { status: "error", message: "Nothing was changed. Fix these and try again: content.steps.0.percent: Too big.", fieldErrors: { "content.steps.0.percent": "Too big" } };
    };
    render(<TemplateEditor action={refuse} name="standard" version={3} json={SAVED} idempotencyKey={KEY} />);
    const editor = screen.getByRole("textbox", { name: /standard/ });
    const edited = SAVED.replace('"percent": 100', '"percent": 150');
    fireEvent.change(editor, { target: { value: edited } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save standard" }));
    });

    expect(submitted).toEqual([edited]);
    expect(keys).toEqual([KEY]);
    expect(await screen.findByText("steps.0.percent: Too big")).toBeTruthy();
    expect(screen.getByTestId("form-feedback").textContent).toContain("Nothing was changed");
    expect((editor as HTMLTextAreaElement).value).toBe(edited);
  });

  it("after a save, shows the confirmation with the new version's content as the page brings it", async () => {
    const accept = async (): Promise<ActionState> => ({ status: "ok", message: "Saved template standard as version 4.", fieldErrors: {} });
    const { rerender } = render(<TemplateEditor action={accept} name="standard" version={3} json={SAVED} idempotencyKey={KEY} />);
    const editor = screen.getByRole("textbox", { name: /standard/ }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: SAVED.replace("60", "90") } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save standard" }));
    });
    // The revalidated page passes the new version's content as stored: normalized, with the schema's defaults filled in.
    const stored = JSON.stringify({ description: "", steps: [{ kind: "live", percent: 100 }], bakeSeconds: 90 }, null, 2);
    rerender(<TemplateEditor action={accept} name="standard" version={4} json={stored} idempotencyKey={KEY} />);

    expect(screen.getByTestId("form-feedback").textContent).toContain("Saved template standard as version 4.");
    expect(screen.getByText("(version 4)")).toBeTruthy();
    expect(editor.value).toBe(stored);
  });
});
