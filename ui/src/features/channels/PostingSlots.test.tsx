import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channel, type FakeBackend } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";

const bsky = channel(7, "bluesky", "acme.bsky.social");
const nostr = channel(9, "nostr", "npub1acme");

function seed(b: FakeBackend) {
  b.channels = [bsky, nostr];
  b.slots = [
    { channelId: 7, weekday: 2, time: "09:00" },
    { channelId: 7, weekday: 4, time: "09:00" },
    { channelId: 7, weekday: 5, time: "17:30" },
  ];
}

async function openSlots(channelId: number, setup: (b: FakeBackend) => void = seed) {
  const result = await renderShell(setup);
  await result.user.click(screen.getByTestId("nav-settings"));
  const box = await screen.findByTestId(`posting-slots-${channelId}`);
  await result.user.click(within(box).getByRole("button", { name: /Posting slots/ }));
  return { ...result, box };
}

function rows(box: HTMLElement) {
  return within(box).queryAllByTestId("posting-slot-row");
}

function pressedDays(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole("button", { pressed: true })
    .map((b) => b.getAttribute("aria-label") ?? "");
}

describe("posting slots", { timeout: 20_000 }, () => {
  it("shows a channel's slots grouped by time, in the workspace's zone", async () => {
    const { box, backend } = await openSlots(7);
    expect(backend.argsOf("posting_slots")).toEqual([{ workspaceId: 1 }]);
    expect(box).toHaveTextContent("3 posting slots a week");
    expect(box).toHaveTextContent("Times are in the workspace's time zone, Europe/Berlin.");
    const [morning, evening] = rows(box);
    expect(within(morning).getByLabelText("Time 1")).toHaveValue("09:00");
    expect(pressedDays(morning)).toEqual(["Tuesday", "Thursday"]);
    expect(within(evening).getByLabelText("Time 2")).toHaveValue("17:30");
    expect(pressedDays(evening)).toEqual(["Friday"]);
    // The other channel has its own (empty) plan.
    expect(screen.getByTestId("posting-slots-9")).toHaveTextContent("No posting slots");
  });

  it("adds a time, toggles days, removes one, and saves exactly that", async () => {
    const { box, backend, user } = await openSlots(7);
    await user.click(within(box).getByRole("button", { name: "Add a time" }));
    const added = rows(box)[2];
    const time = within(added).getByLabelText("Time 3");
    await user.clear(time);
    await user.type(time, "12:15");
    // New lines start on weekdays; make it Monday and Saturday only.
    for (const day of ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]) {
      await user.click(within(added).getByRole("button", { name: day }));
    }
    await user.click(within(box).getByRole("button", { name: "Remove time 2" }));
    await user.click(within(box).getByRole("button", { name: "Save slots" }));

    await within(box).findByText("Saved");
    expect(backend.argsOf("set_posting_slots")).toEqual([
      {
        channelId: 7,
        slots: [
          { weekday: 2, time: "09:00" },
          { weekday: 4, time: "09:00" },
          { weekday: 1, time: "12:15" },
          { weekday: 6, time: "12:15" },
        ],
      },
    ]);
    expect(backend.slots.filter((s) => s.channelId === 7)).toEqual([
      { channelId: 7, weekday: 1, time: "12:15" },
      { channelId: 7, weekday: 2, time: "09:00" },
      { channelId: 7, weekday: 4, time: "09:00" },
      { channelId: 7, weekday: 6, time: "12:15" },
    ]);
    expect(box).toHaveTextContent("4 posting slots a week");
    expect(within(box).getByRole("button", { name: "Save slots" })).toBeDisabled();
  });

  it("shows the backend's refusal and keeps everything typed", async () => {
    const { box, backend, user } = await openSlots(9);
    await user.click(within(box).getByRole("button", { name: "Add a time" }));
    const row = rows(box)[0];
    await user.clear(within(row).getByLabelText("Time 1"));
    await user.click(within(row).getByRole("button", { name: "Sunday" }));
    await user.click(within(box).getByRole("button", { name: "Save slots" }));

    const alert = await within(box).findByRole("alert");
    expect(alert).toHaveTextContent('"" is not a time of day; write it as HH:MM, e.g. 09:30.');
    expect(backend.slots.filter((s) => s.channelId === 9)).toEqual([]);
    expect(within(rows(box)[0]).getByLabelText("Time 1")).toHaveValue("");
    expect(pressedDays(rows(box)[0])).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]);

    // Fixed, it goes through, and the error goes.
    await user.type(within(rows(box)[0]).getByLabelText("Time 1"), "08:45");
    await user.click(within(box).getByRole("button", { name: "Save slots" }));
    await within(box).findByText("Saved");
    expect(within(box).queryByRole("alert")).not.toBeInTheDocument();
    const saved = backend.slots.filter((s) => s.channelId === 9);
    expect(saved.map((s) => s.weekday)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(saved.every((s) => s.time === "08:45")).toBe(true);
  });

  it("refuses a line with no day before asking the backend", async () => {
    const { box, backend, user } = await openSlots(7);
    const row = rows(box)[1];
    await user.click(within(row).getByRole("button", { name: "Friday" }));
    await user.click(within(box).getByRole("button", { name: "Save slots" }));
    expect(await within(box).findByRole("alert")).toHaveTextContent("Pick at least one day for 17:30");
    expect(backend.argsOf("set_posting_slots")).toEqual([]);
  });

  it("keeps the edits when the save fails for another reason, and discards them on request", async () => {
    const { box, backend, user } = await openSlots(7);
    backend.fail.set_posting_slots = { code: "storage", message: "database is locked", field: null };
    await user.click(within(rows(box)[0]).getByRole("button", { name: "Monday" }));
    await user.click(within(box).getByRole("button", { name: "Save slots" }));
    expect(await within(box).findByRole("alert")).toHaveTextContent("database is locked");
    expect(pressedDays(rows(box)[0])).toEqual(["Monday", "Tuesday", "Thursday"]);
    await user.click(within(box).getByRole("button", { name: "Discard changes" }));
    await waitFor(() => expect(pressedDays(rows(box)[0])).toEqual(["Tuesday", "Thursday"]));
  });
});
