import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderShell } from "../../test/renderShell";

describe("pause all publishing", () => {
  it("pauses with one click, says so loudly, and shows the banner on Posts", async () => {
    const { backend, user } = await renderShell();
    const toggle = screen.getByRole("switch", { name: "Pause all publishing" });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).toHaveAttribute("aria-checked", "false");
    expect(screen.getByTestId("pause-card")).not.toHaveClass("pause-card-on");

    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-checked", "true");
    expect(screen.getByTestId("pause-status")).toHaveTextContent("Publishing paused — nothing will go out");
    expect(screen.getByTestId("pause-card")).toHaveClass("pause-card-on");
    await waitFor(() => expect(backend.argsOf("set_publishing_paused")).toEqual([{ paused: true }]));
    expect(backend.publishing.paused).toBe(true);

    await user.click(screen.getByTestId("nav-posts"));
    const banner = within(screen.getByTestId("posts")).getByTestId("paused-banner");
    expect(banner).toHaveTextContent("Publishing is paused — nothing will go out.");
    expect(banner).toHaveAttribute("title", expect.stringContaining("less than 15 minutes late"));

    await user.click(within(banner).getByRole("button", { name: "Resume publishing" }));
    await waitFor(() =>
      expect(backend.argsOf("set_publishing_paused")).toEqual([{ paused: true }, { paused: false }]),
    );
    expect(toggle).toHaveAttribute("aria-checked", "false");
    expect(within(screen.getByTestId("posts")).queryByTestId("paused-banner")).not.toBeInTheDocument();
  });

  it("starts paused when the backend says so", async () => {
    await renderShell((b) => {
      b.publishing = { paused: true, missedGraceMinutes: 30 };
    });
    const toggle = screen.getByRole("switch", { name: "Pause all publishing" });
    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "true"));
  });

  it("follows pausedChanged events (the tray can flip it too)", async () => {
    const { backend } = await renderShell();
    const toggle = screen.getByRole("switch", { name: "Pause all publishing" });
    await waitFor(() => expect(toggle).toBeEnabled());
    await act(() => emit("chorus://publish", { type: "pausedChanged", paused: true }));
    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "true"));
    expect(screen.getByTestId("pause-status")).toHaveTextContent("Publishing paused — nothing will go out");
    await act(() => emit("chorus://publish", { type: "pausedChanged", paused: false }));
    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "false"));
    expect(backend.argsOf("set_publishing_paused")).toEqual([]);
  });

  it("rolls back and reports when the switch cannot be saved", async () => {
    const { user } = await renderShell((b) => {
      b.fail.set_publishing_paused = { code: "storage", message: "database is locked", field: null };
    });
    const toggle = screen.getByRole("switch", { name: "Pause all publishing" });
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
    expect(toggle).toHaveAttribute("aria-checked", "false");
  });
});
