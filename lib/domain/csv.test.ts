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
});
