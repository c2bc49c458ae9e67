import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderShell } from "../../test/renderShell";

describe("overview", () => {
  it("shows the counts and the next scheduled post in the workspace's zone", async () => {
    const { backend } = await renderShell((b) => {
      b.counts[1] = {
        channels: 3,
        posts: 1250,
        scheduledPosts: 4,
        mediaAssets: 17,
        nextScheduledAt: "2031-01-15T09:30:00Z",
      };
    });
    // The cards render at once with placeholders; wait for the data.
    await within(screen.getByTestId("stat-posts")).findByText("1,250");
    expect(screen.getByTestId("stat-channels")).toHaveTextContent("3");
    expect(screen.getByTestId("stat-scheduled")).toHaveTextContent("4");
    expect(screen.getByTestId("stat-media")).toHaveTextContent("17");
    // 09:30 UTC is 10:30 in Berlin in winter.
    expect(screen.getByTestId("next-scheduled")).toHaveTextContent(/10:30/);
    expect(screen.getByTestId("next-scheduled")).toHaveTextContent(/2031/);
    expect(backend.argsOf("workspace_overview")).toContainEqual({ workspaceId: 1 });
  });

  it("shows zero counts plainly and says nothing is scheduled", async () => {
    await renderShell();
    expect(await screen.findByText("Nothing scheduled yet")).toBeInTheDocument();
    for (const id of ["stat-channels", "stat-scheduled", "stat-posts", "stat-media"]) {
      expect(within(screen.getByTestId(id)).getByText("0")).toBeInTheDocument();
    }
  });

  it("shows the zone and its current local time", async () => {
    await renderShell();
    const title = screen.getByTestId("overview");
    expect(title).toHaveTextContent("Europe/Berlin");
    expect(screen.getByTestId("overview-clock")).toHaveTextContent(/\d{1,2}:\d{2}.*local time/);
  });

  it("reports a failed load in the banner and retries", async () => {
    const { backend, user } = await renderShell((b) => {
      b.fail.workspace_overview = { code: "not_found", message: "Workspace 1 not found", field: null };
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Workspace 1 not found");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Nothing scheduled yet")).toBeInTheDocument();
    expect(backend.argsOf("workspace_overview")).toHaveLength(2);
  });
});
