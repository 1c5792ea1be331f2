import { describe, expect, it } from "vitest";
import { formText } from "./action-result";

describe("formText", () => {
  it("reads a field as text, undefined when absent or a file", () => {
    const form = new FormData();
    form.set("comment", "fine 👍");
    form.set("upload", new Blob(["x"]));
    expect(formText(form, "comment")).toBe("fine 👍");
    expect(formText(form, "missing")).toBeUndefined();
    expect(formText(form, "upload")).toBeUndefined();
  });

  it("refuses a NUL byte with a 400 naming the field, before any verb runs", () => {
    for (const bad of ["a\u0000b", "\u0000", "trailing\u0000"]) {
      const form = new FormData();
      form.set("changeNote", bad);
      expect(() => formText(form, "changeNote")).toThrow(expect.objectContaining({ kind: "refused", code: "invalid_input", status: 400, fieldErrors: { changeNote: expect.stringContaining("NUL") } }));
    }
  });

  it("never sees a lone surrogate: form data is UTF-8, so one arrives as U+FFFD, which is stored as it is", () => {
    const form = new FormData();
    form.set("comment", "end \uD83D");
    expect(formText(form, "comment")).toBe("end \uFFFD");
  });
});
