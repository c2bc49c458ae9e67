import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channel } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";

describe("keyboard shortcuts", () => {
  it("Ctrl+1 / Ctrl+2 / Ctrl+4 (or Ctrl+,) go to Overview, Posts and Settings", async () => {
    const { user } = await renderShell();
    expect(screen.getByTestId("overview")).toBeVisible();
    expect(screen.getByTestId("settings")).not.toBeVisible();
    expect(screen.getByTestId("posts")).not.toBeVisible();

    await user.keyboard("{Control>},{/Control}");
    expect(screen.getByTestId("settings")).toBeVisible();
    expect(screen.getByTestId("overview")).not.toBeVisible();
    expect(screen.getByTestId("nav-settings")).toHaveAttribute("aria-current", "page");

    await user.keyboard("{Control>}1{/Control}");
    expect(screen.getByTestId("overview")).toBeVisible();
    expect(screen.getByTestId("nav-overview")).toHaveAttribute("aria-current", "page");

    await user.keyboard("{Control>}2{/Control}");
    expect(screen.getByTestId("posts")).toBeVisible();
    expect(screen.getByTestId("settings")).not.toBeVisible();
    expect(screen.getByTestId("nav-posts")).toHaveAttribute("aria-current", "page");

    await user.keyboard("{Control>}4{/Control}");
    expect(screen.getByTestId("settings")).toBeVisible();
    expect(screen.getByTestId("posts")).not.toBeVisible();
  });

  it("Ctrl+N goes to Posts and puts the cursor in the post text", async () => {
    const { user } = await renderShell((b) => {
      b.channels = [channel(7, "bluesky", "acme.bsky.social")];
    });
    await user.keyboard("{Control>}n{/Control}");
    expect(screen.getByTestId("posts")).toBeVisible();
    const text = await within(screen.getByTestId("posts")).findByLabelText("Post");
    await waitFor(() => expect(text).toHaveFocus());
  });

  it("Ctrl+N without channels focuses the way to connect one", async () => {
    const { user } = await renderShell();
    await user.keyboard("{Control>}n{/Control}");
    const connect = await within(screen.getByTestId("posts")).findByRole("button", { name: "Connect a channel" });
    await waitFor(() => expect(connect).toHaveFocus());
  });

  it("keeps an unsaved settings edit across a visit to Overview", async () => {
    const { user } = await renderShell();
    await user.keyboard("{Control>},{/Control}");
    const name = within(screen.getByTestId("settings")).getByLabelText("Brand name");
    await user.type(name, " Draft");
    await user.keyboard("{Control>}1{/Control}");
    await user.keyboard("{Control>},{/Control}");
    expect(name).toHaveValue("Acme Coffee Draft");
  });

  it("? opens the shortcuts dialog and Escape closes it", async () => {
    const { user } = await renderShell();
    await user.keyboard("?");
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveTextContent("Go to Settings");
    expect(dialog).toHaveTextContent("Go to Posts");
    expect(dialog).toHaveTextContent("Go to Calendar");
    expect(dialog).toHaveTextContent("New post");
    expect(dialog).toHaveTextContent("New workspace");

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("? types normally inside a text field", async () => {
    const { user } = await renderShell();
    await user.keyboard("{Control>},{/Control}");
    const name = within(screen.getByTestId("settings")).getByLabelText("Brand name");
    await user.type(name, "?");
    expect(name).toHaveValue("Acme Coffee?");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("Ctrl+Shift+N opens the new workspace dialog; Escape closes it", async () => {
    const { user } = await renderShell();
    await user.keyboard("{Control>}{Shift>}N{/Shift}{/Control}");
    expect(screen.getByRole("dialog", { name: "New workspace" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("keeps Tab inside an open dialog", async () => {
    const { user } = await renderShell();
    await user.keyboard("{Control>}{Shift>}N{/Shift}{/Control}");
    const dialog = screen.getByRole("dialog", { name: "New workspace" });
    for (let i = 0; i < 8; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });

  it("navigates when the tray menu emits chorus://navigate", async () => {
    await renderShell();
    // The shell subscribes asynchronously: an event sent before that is not heard (it failed
    // so in CI under load), so each is sent again until the page shows.
    for (const page of ["settings", "posts", "overview"]) {
      await waitFor(async () => {
        await act(() => emit("chorus://navigate", page));
        expect(screen.getByTestId(page)).toBeVisible();
      });
    }
  });
});
