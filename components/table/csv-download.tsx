"use client";

import { csvText, type CsvTable } from "./csv-table";

interface CsvDownloadProps extends CsvTable {
  /** The downloaded file's name, e.g. "churn_xgb-lift-v7.csv" (see csvFilename). */
  filename: string;
  /** Which table, for screen readers: "lift table of v7" is announced "Download CSV of the lift table of v7". */
  tableName: string;
}

/** A small button that downloads a table's values as CSV, built in the browser from the rows the table shows. */
export function CsvDownload({ filename, header, rows, tableName }: CsvDownloadProps) {
  function download() {
    const url = URL.createObjectURL(new Blob([csvText({ header, rows })], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    // Older Firefox ignores a click on a link that is not in the document.
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked on the next task: revoking at once can cancel the download before the browser has read the blob.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    // The name starts with the visible words, so speech control ("click Download CSV") finds it.
    <button type="button" onClick={download} aria-label={`Download CSV of the ${tableName}`} className="rounded border border-line px-2 py-1 text-xs hover:bg-surface-raised">
      Download CSV
    </button>
  );
}
