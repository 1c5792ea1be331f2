// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RequestIdProvider } from "@/components/shell/request-id-context";
import { UpstreamProblemPanel } from "./upstream-problem-panel";

const problem = { upstream: "MLflow", message: "MLflow did not answer within 2000 ms.", notConfigured: false, missing: [] };

describe("UpstreamProblemPanel", () => {
  afterEach(cleanup);

  it("quotes the request id it is given, else the page's", () => {
    const given = render(
      <RequestIdProvider requestId="page-id">
        <UpstreamProblemPanel problem={problem} requestId="given-id" />
      </RequestIdProvider>,
    );
    expect(given.container.textContent).toContain("quote request id given-id.");
    cleanup();
    const fromPage = render(
      <RequestIdProvider requestId="page-id">
        <UpstreamProblemPanel problem={problem} />
      </RequestIdProvider>,
    );
    expect(fromPage.container.textContent).toContain("tell whoever runs MLflow and quote request id page-id.");
  });

  it("says nothing of a request id when there is none", () => {
    const { container } = render(<UpstreamProblemPanel problem={problem} />);
    expect(container.textContent).toContain("tell whoever runs MLflow.");
    expect(container.textContent).not.toContain("request id");
  });
});
