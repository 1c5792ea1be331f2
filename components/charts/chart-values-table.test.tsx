import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartValuesTable } from "./chart-values-table";

describe("ChartValuesTable", () => {
  it("puts the chart's values in a captioned, scrollable table under a disclosure", () => {
    const html = renderToStaticMarkup(
      <ChartValuesTable summary="Values as a table (2 points)" regionLabel="auc values" caption="auc by step" columns={["Step", "Value"]}>
        <tr>
          <td>0</td>
          <td>0.5</td>
        </tr>
      </ChartValuesTable>,
    );
    expect(html).toMatch(/^<details class="text-xs"><summary[^>]*>Values as a table \(2 points\)<\/summary>/);
    expect(html).toContain('tabindex="0" role="region" aria-label="auc values"');
    expect(html).toContain('<caption class="sr-only">auc by step</caption>');
    expect(html).toContain('<th scope="col" class="py-1 pr-4 font-medium">Step</th><th scope="col" class="py-1 pr-4 font-medium">Value</th>');
    expect(html).toContain("<tbody><tr><td>0</td><td>0.5</td></tr></tbody>");
  });
});
