// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CsvDownload } from "./csv-download";
import { clickCsvDownload } from "./csv-download-testing";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const header = ["feature", "psi", "samples"];
const rows = [
  ["=HYPERLINK(\"http://evil\")", 0.3149, 5210],
  ["monthly €, café", null, 0],
  ["@SUM(A1)", 2, 12],
];

function renderButton() {
  render(<CsvDownload filename="churn_xgb-lift-v6.csv" header={header} rows={rows} tableName="lift table of v6" />);
  return screen.getByRole("button", { name: "Download CSV of the lift table of v6" });
}

describe("the CSV download button", () => {
  it("is a real button named after its table", () => {
    const button = renderButton();
    expect(button.tagName).toBe("BUTTON");
    expect(button.getAttribute("type")).toBe("button");
    expect(button.textContent).toBe("Download CSV");
  });

  it("saves the byte order mark, the header and every row with CRLF, formula-looking cells neutralised", async () => {
    const { filename, text } = await clickCsvDownload(renderButton());
    expect(filename).toBe("churn_xgb-lift-v6.csv");
    expect(text).toBe(
      "\uFEFF" +
        "feature,psi,samples\r\n" +
        "\"'=HYPERLINK(\"\"http://evil\"\")\",0.3149,5210\r\n" +
        "\"monthly €, café\",,0\r\n" +
        "'@SUM(A1),2,12\r\n",
    );
  });

  it("writes UTF-8 starting with the bytes EF BB BF, so Excel reads € and accents", async () => {
    let blob: Blob | null = null;
    vi.spyOn(URL, "createObjectURL").mockImplementation((object) => {
      blob = object as Blob;
      return "blob:x";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    fireEvent.click(renderButton());
    const saved = blob as unknown as Blob;
    expect(saved.type).toBe("text/csv;charset=utf-8");
    const bytes = [...new Uint8Array(await saved.arrayBuffer())];
    expect(bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    // "€" is E2 82 AC in UTF-8.
    expect(bytes.join(",")).toContain([0xe2, 0x82, 0xac].join(","));
  });

  it("follows a link to the object URL from inside the document, then removes it and revokes the URL", () => {
    vi.useFakeTimers();
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:http://localhost/csv-1");
    const revoke = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const followed: { href: string; download: string; connected: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      followed.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    fireEvent.click(renderButton());
    expect(followed).toEqual([{ href: "blob:http://localhost/csv-1", download: "churn_xgb-lift-v6.csv", connected: true }]);
    expect(document.querySelector("a[download]")).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledExactlyOnceWith("blob:http://localhost/csv-1");
  });
});
