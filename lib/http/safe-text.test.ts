import { describe, expect, it } from "vitest";
import { firstUnsafeText, isSafeText } from "./safe-text";

describe("safe text", () => {
  it("accepts ordinary text, emoji (a surrogate pair) and other scripts", () => {
    for (const text of ["", "approve: beats the champion", "ok 👍 ✓", "Tomás Ortega", "日本語", "tab\tand\nnewline"]) expect(isSafeText(text)).toBe(true);
  });

  it("refuses a NUL byte, a lone high surrogate and a lone low surrogate anywhere in the text", () => {
    for (const text of ["a\u0000b", "\u0000", "end \uD83D", "\uD83D start", "\uDC4D alone", "pair reversed \uDC4D\uD83D"]) expect(isSafeText(text)).toBe(false);
  });

  it("names the first unsafe field of a JSON body, nested or in a key", () => {
    expect(firstUnsafeText({ outcome: "approve", comment: "fine" })).toBeNull();
    expect(firstUnsafeText({ outcome: "approve", comment: "bad\u0000" })).toBe("comment");
    expect(firstUnsafeText({ content: { rules: [{ metric: "auc" }, { metric: "x\uD800" }] } })).toBe("content.rules.1.metric");
    expect(firstUnsafeText({ ["k\u0000"]: 1 })).toBe("input");
    expect(firstUnsafeText([1, true, null])).toBeNull();
  });
});
