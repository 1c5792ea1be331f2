// For component tests: click a CsvDownload button with the browser's download machinery stubbed, and read the file.
import { fireEvent } from "@testing-library/react";
import { vi } from "vitest";

export interface DownloadedCsv {
  filename: string;
  /** The file's text as saved, byte order mark included. */
  text: string;
}

export async function clickCsvDownload(button: HTMLElement): Promise<DownloadedCsv> {
  let blob: Blob | null = null;
  let filename = "";
  const create = vi.spyOn(URL, "createObjectURL").mockImplementation((object) => {
    blob = object as Blob;
    return "blob:csv-download-test";
  });
  const revoke = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    filename = this.download;
  });
  try {
    fireEvent.click(button);
    if (!blob) throw new Error("The button made no file.");
    // ignoreBOM keeps the byte order mark in the text, so callers can see it is there.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (blob as Blob).arrayBuffer());
    return { filename, text };
  } finally {
    create.mockRestore();
    revoke.mockRestore();
    click.mockRestore();
  }
}
