import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderShell } from "../../test/renderShell";

describe("workspace switcher", () => {
  it("shows the active workspace and switches, persisting the choice", async () => {
    const { backend, user } = await renderShell();
    const switcher = screen.getByTestId("workspace-switcher");
    expect(switcher).toHaveTextContent("Acme Coffee");
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Acme Coffee");

    await user.click(switcher);
    const menu = screen.getByRole("menu", { name: "Workspaces" });
    const items = within(menu).getAllByRole("menuitemradio");
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining("Acme Coffee"),
      expect.stringContaining("Bravo Bikes"),
    ]);
    expect(items[0]).toHaveAttribute("aria-checked", "true");
    expect(items[0]).toHaveFocus();

    await user.click(items[1]);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Bravo Bikes");
    expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Bravo Bikes");
    await waitFor(() =>
      expect(backend.argsOf("set_preferences")).toEqual([
        { preferences: { theme: "system", activeWorkspaceId: 2 } },
      ]),
    );
    await waitFor(() =>
      expect(backend.argsOf("workspace_overview")).toContainEqual({ workspaceId: 2 }),
    );
  });

  it("rolls back and shows the error when the choice cannot be saved", async () => {
    const { backend, user } = await renderShell((b) => {
      b.fail.set_preferences = { code: "storage", message: "disk is full", field: null };
    });
    await user.click(screen.getByTestId("workspace-switcher"));
    await user.click(screen.getByRole("menuitemradio", { name: /Bravo Bikes/ }));

    expect(await screen.findByRole("alert")).toHaveTextContent("disk is full");
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Acme Coffee");
    expect(backend.preferences.activeWorkspaceId).toBe(1);
  });

  it("closes the menu with Escape and returns focus to the button", async () => {
    const { user } = await renderShell();
    await user.click(screen.getByTestId("workspace-switcher"));
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitemradio", { name: /Bravo Bikes/ })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(screen.getByTestId("workspace-switcher")).toHaveFocus();
  });

  it("creates a workspace from the menu and makes it active", async () => {
    const { backend, user } = await renderShell();
    await user.click(screen.getByTestId("workspace-switcher"));
    await user.click(screen.getByRole("menuitem", { name: /New workspace/ }));

    const dialog = screen.getByRole("dialog", { name: "New workspace" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    const name = within(dialog).getByLabelText("Brand name");
    expect(name).toHaveFocus();
    await user.type(name, "Cedar Studio");
    const timezone = within(dialog).getByLabelText("Time zone");
    await user.clear(timezone);
    await user.type(timezone, "Europe/London");
    await user.click(within(dialog).getByRole("button", { name: "Create workspace" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Cedar Studio");
    expect(backend.argsOf("create_workspace")).toEqual([
      { input: { name: "Cedar Studio", timezone: "Europe/London" } },
    ]);
    expect(backend.preferences.activeWorkspaceId).toBe(100);

    await user.click(screen.getByTestId("workspace-switcher"));
    expect(screen.getAllByRole("menuitemradio").map((i) => i.textContent)).toEqual([
      expect.stringContaining("Acme Coffee"),
      expect.stringContaining("Bravo Bikes"),
      expect.stringContaining("Cedar Studio"),
    ]);
  });

  it("keeps the dialog and the typed values when creation fails", async () => {
    const { backend, user } = await renderShell();
    backend.fail.create_workspace = { code: "conflict", message: "That name is taken.", field: "name" };
    await user.keyboard("{Control>}{Shift>}N{/Shift}{/Control}");
    const dialog = screen.getByRole("dialog", { name: "New workspace" });
    await user.type(within(dialog).getByLabelText("Brand name"), "Acme Coffee");
    await user.click(within(dialog).getByRole("button", { name: "Create workspace" }));

    expect(await within(dialog).findByText("That name is taken.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Brand name")).toHaveValue("Acme Coffee");
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Acme Coffee");
  });
});
