import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and writes objects as JSON", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", null, { n: 1 }])).toBe('plain,"say ""hi""","a,b","two\nlines",,"{""n"":1}"\r\n');
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("safe")).toBe("safe");
  });

  it("writes numbers as numbers, negative ones too: a number cannot be a formula", () => {
    expect(csvRow([-0.5, 3, 0])).toBe("-0.5,3,0\r\n");
    // The string "-0.5" still could start a formula in a cell a user typed.
    expect(csvCell("-0.5")).toBe("'-0.5");
  });
});
