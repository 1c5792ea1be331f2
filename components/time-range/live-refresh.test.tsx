// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveRefresh } from "./live-refresh";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const NOW = Date.parse("2026-11-20T10:03:00.000Z");
let visibility: DocumentVisibilityState = "visible";

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  refresh.mockClear();
  visibility = "visible";
  vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("live refresh of a range that ends now", () => {
  it("re-renders the page once, just after the server's next refresh instant", () => {
    render(<LiveRefresh refreshAt="2026-11-20T10:05:00.000Z" />);
    expect(screen.getByTestId("live-refresh").textContent).toContain("refreshes at 2026-11-20 10:05");
    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(refresh).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(refresh).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(10 * 60_000));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("waits for a hidden tab to be shown, and does nothing while paused", () => {
    visibility = "hidden";
    render(<LiveRefresh refreshAt="2026-11-20T10:05:00.000Z" />);
    act(() => vi.advanceTimersByTime(3 * 60_000));
    expect(refresh).not.toHaveBeenCalled();

    const pause = screen.getByRole("button", { name: "Pause live refresh" });
    fireEvent.click(pause);
    expect(screen.getByRole("button", { name: "Resume live refresh" }).getAttribute("aria-pressed")).toBe("true");
    visibility = "visible";
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(refresh).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Resume live refresh" }));
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
