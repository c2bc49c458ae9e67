import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { installBackend } from "../../test/fakeBackend";

async function renderFirstRun() {
  const backend = installBackend();
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("heading", { name: "Welcome to Chorus" });
  return { backend, user };
}

describe("onboarding", () => {
  it("appears when there is no workspace and creates the first one", async () => {
    const { backend, user } = await renderFirstRun();
    const timezone = screen.getByLabelText("Time zone");
    expect(timezone.id).toBe("onboarding-timezone");

    await user.type(screen.getByLabelText("Brand name"), "  Northwind Coffee ");
    await user.clear(timezone);
    await user.type(timezone, "Europe/Berlin");
    await user.click(document.getElementById("onboarding-submit")!);

    expect(await screen.findByTestId("overview-title")).toHaveTextContent("Northwind Coffee");
    expect(backend.argsOf("create_workspace")).toEqual([
      { input: { name: "Northwind Coffee", timezone: "Europe/Berlin" } },
    ]);
    expect(backend.argsOf("set_preferences")).toEqual([
      { preferences: { theme: "system", activeWorkspaceId: 100 } },
    ]);
    expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Northwind Coffee");
    expect(screen.queryByTestId("onboarding")).not.toBeInTheDocument();
  });

  it("defaults the time zone to one the backend accepts", async () => {
    await renderFirstRun();
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const expected = ["America/New_York", "Asia/Tokyo", "Europe/Berlin", "Europe/London", "UTC"].includes(detected)
      ? detected
      : "UTC";
    expect(screen.getByLabelText("Time zone")).toHaveValue(expected);
  });

  it("rejects an empty name inline without calling the backend", async () => {
    const { backend, user } = await renderFirstRun();
    await user.type(screen.getByLabelText("Brand name"), "   ");
    await user.click(screen.getByRole("button", { name: "Create workspace" }));

    const name = screen.getByLabelText("Brand name");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("Enter a name for this workspace.");
    expect(name).toHaveFocus();
    expect(backend.argsOf("create_workspace")).toEqual([]);
  });

  it("shows a backend time zone error under that field and keeps what was typed", async () => {
    const { backend, user } = await renderFirstRun();
    backend.fail.create_workspace = {
      code: "validation",
      message: "Unknown time zone “Asia/Tokyo”.",
      field: "timezone",
    };
    const timezone = screen.getByLabelText("Time zone");
    await user.type(screen.getByLabelText("Brand name"), "Acme");
    await user.clear(timezone);
    await user.type(timezone, "Asia/Tokyo");
    await user.click(screen.getByRole("button", { name: "Create workspace" }));

    const error = await screen.findByText("Unknown time zone “Asia/Tokyo”.");
    expect(error.closest("p")).toHaveAttribute("id", "onboarding-timezone-error");
    expect(timezone).toHaveAttribute("aria-invalid", "true");
    expect(timezone).toHaveAttribute("aria-describedby", expect.stringContaining("onboarding-timezone-error"));
    expect(screen.getByLabelText("Brand name")).toHaveValue("Acme");
    expect(timezone).toHaveValue("Asia/Tokyo");
    expect(screen.getByLabelText("Brand name")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows storage errors in the banner and keeps the form", async () => {
    const { backend, user } = await renderFirstRun();
    backend.fail.create_workspace = { code: "storage", message: "database is locked", field: null };
    await user.type(screen.getByLabelText("Brand name"), "Acme");
    await user.click(screen.getByRole("button", { name: "Create workspace" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
    expect(screen.getByLabelText("Brand name")).toHaveValue("Acme");

    await user.click(screen.getByRole("button", { name: "Dismiss error" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("filters the time zone list as the user types", async () => {
    const { user } = await renderFirstRun();
    const timezone = screen.getByLabelText("Time zone");
    await user.clear(timezone);
    await user.type(timezone, "new york");
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining("America/New_York")]);
    await user.keyboard("{Enter}");
    expect(timezone).toHaveValue("America/New_York");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });
});

describe("boot", () => {
  it("offers a retry when the first load fails", async () => {
    const backend = installBackend();
    backend.fail.list_workspaces = { code: "storage", message: "cannot open database", field: null };
    const user = userEvent.setup();
    render(<App />);
    expect(await screen.findByText("cannot open database")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getByText("Welcome to Chorus")).toBeInTheDocument());
  });
});
