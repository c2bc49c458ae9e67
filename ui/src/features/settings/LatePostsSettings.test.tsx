import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderShell } from "../../test/renderShell";

describe("Settings → Late posts", () => {
  it("saves the grace period and refuses what is not whole minutes", async () => {
    const { backend, user } = await renderShell();
    await user.click(screen.getByTestId("nav-settings"));
    const settings = screen.getByTestId("settings");
    const input = within(settings).getByLabelText("Still publish if late by less than (minutes)");
    await waitFor(() => expect(input).toHaveValue("15"));
    const save = within(settings).getByRole("button", { name: "Save" });

    await user.clear(input);
    await user.type(input, "2.5");
    await user.click(save);
    expect(await within(settings).findByText(/Enter whole minutes from 0 to 10080/)).toBeVisible();
    expect(backend.argsOf("set_missed_grace")).toHaveLength(0);
    expect(input).toHaveValue("2.5");

    await user.clear(input);
    await user.type(input, "45");
    await user.click(save);
    await waitFor(() => expect(backend.argsOf("set_missed_grace")).toEqual([{ minutes: 45 }]));
    expect(await within(settings).findByText("Saved")).toBeVisible();
  });
});
