import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { APP_INFO } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";

async function openSettings() {
  const result = await renderShell();
  await result.user.click(screen.getByTestId("nav-settings"));
  const settings = screen.getByTestId("settings");
  expect(settings).toBeVisible();
  return { ...result, settings };
}

describe("settings", () => {
  it("saves the edited name and time zone of the active workspace", async () => {
    const { backend, user, settings } = await openSettings();
    const name = within(settings).getByLabelText("Brand name");
    const timezone = within(settings).getByLabelText("Time zone");
    const save = within(settings).getByRole("button", { name: "Save changes" });
    expect(name).toHaveValue("Acme Coffee");
    expect(timezone).toHaveValue("Europe/Berlin");
    expect(save).toBeDisabled();

    await user.clear(name);
    await user.type(name, "Acme Roasters");
    await user.clear(timezone);
    await user.type(timezone, "america/new_york");
    await user.keyboard("{Escape}");
    await user.click(save);

    expect(await within(settings).findByText("Saved")).toBeInTheDocument();
    expect(backend.argsOf("update_workspace")).toEqual([
      { input: { id: 1, name: "Acme Roasters", timezone: "America/New_York" } },
    ]);
    expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Acme Roasters");
    expect(save).toBeDisabled();
  });

  it("shows a backend validation error at the field and keeps the edit", async () => {
    const { backend, user, settings } = await openSettings();
    backend.fail.update_workspace = {
      code: "validation",
      message: "Name must be at most 80 characters.",
      field: "name",
    };
    const name = within(settings).getByLabelText("Brand name");
    await user.type(name, " and Friends");
    await user.click(within(settings).getByRole("button", { name: "Save changes" }));

    expect(await within(settings).findByText("Name must be at most 80 characters.")).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveValue("Acme Coffee and Friends");
    expect(within(settings).queryByText("Saved")).not.toBeInTheDocument();
  });

  it("changes the theme, sets data-theme and persists it", async () => {
    const { backend, user, settings } = await openSettings();
    expect(document.documentElement).not.toHaveAttribute("data-theme");
    expect(within(settings).getByRole("radio", { name: "System" })).toBeChecked();

    await user.click(within(settings).getByRole("radio", { name: "Dark" }));
    expect(document.documentElement).toHaveAttribute("data-theme", "dark");
    await waitFor(() =>
      expect(backend.argsOf("set_preferences")).toEqual([
        { preferences: { theme: "dark", activeWorkspaceId: 1 } },
      ]),
    );

    await user.click(within(settings).getByRole("radio", { name: "System" }));
    expect(document.documentElement).not.toHaveAttribute("data-theme");
    await waitFor(() => expect(backend.preferences.theme).toBe("system"));
  });

  it("applies the saved theme at startup", async () => {
    await renderShell((b) => {
      b.preferences = { theme: "light", activeWorkspaceId: 2 };
    });
    expect(document.documentElement).toHaveAttribute("data-theme", "light");
    expect(screen.getByTestId("overview-title")).toHaveTextContent("Bravo Bikes");
  });

  it("shows where the data lives", async () => {
    const { settings } = await openSettings();
    const info = await within(settings).findByTestId("app-info");
    expect(within(info).getByTestId("info-data-dir")).toHaveTextContent(APP_INFO.dataDir);
    expect(within(info).getByTestId("info-database")).toHaveTextContent(APP_INFO.databasePath);
    expect(within(info).getByTestId("info-log-dir")).toHaveTextContent(APP_INFO.logDir);
    expect(info).toHaveTextContent("Schema version1");
    expect(info).toHaveTextContent("App version0.1.0");
  });

  it("copies a path to the clipboard", async () => {
    const { user, settings } = await openSettings();
    await within(settings).findByTestId("app-info");
    await user.click(within(settings).getByRole("button", { name: "Copy database file" }));
    expect(await navigator.clipboard.readText()).toBe(APP_INFO.databasePath);
    expect(within(settings).getByRole("button", { name: "Database file copied" })).toBeInTheDocument();
  });
});
