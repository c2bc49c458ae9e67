import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { channel, post, target, type FakeBackend } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";
import { isoDay } from "./calendarTime";
import { openSlots, slotForDrop } from "./openSlots";

// Tuesday 20 March 2035, 10:00 in Berlin (CET, UTC+1); summer time starts Sunday 25 March.
const NOW = new Date("2035-03-20T09:00:00Z");
const bsky = channel(7, "bluesky", "acme.bsky.social");
const masto = channel(8, "mastodon", "@acme@mastodon.social");

function seed(b: FakeBackend) {
  b.channels = [bsky, masto];
  b.slots = [
    { channelId: 7, weekday: 3, time: "09:00" }, // Wednesdays
    { channelId: 8, weekday: 7, time: "02:30" }, // Sundays, in the spring-forward gap on the 25th
  ];
  b.posts = [
    // Fills bsky's slot on Wed 28 March (09:00 CEST = 07:00Z).
    post(1, "Taken slot", [target(11, bsky, "scheduled")], { dueAt: "2035-03-28T07:00:00.000Z" }),
  ];
}

beforeAll(async () => {
  await import("./Calendar");
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("open slots on the calendar", { timeout: 20_000 }, () => {
  it("asks for the visible range and draws the open slots, not the taken one", async () => {
    const { backend, user } = await renderShell(seed);
    await user.click(screen.getByTestId("nav-calendar"));
    await screen.findByTestId("calendar", {}, { timeout: 5000 });
    const grid = screen.getByTestId("calendar-grid");
    await waitFor(() => expect(grid.querySelectorAll("[data-slot-at]").length).toBeGreaterThan(0));
    // The visible range first, then (once idle) the months either side.
    expect(backend.argsOf("slot_occurrences")[0]).toEqual({
      workspaceId: 1,
      from: "2035-02-25T23:00:00.000Z",
      to: "2035-04-01T22:00:00.000Z",
    });
    const drawn = [...grid.querySelectorAll<HTMLElement>("[data-slot-at]")].map(
      (el) => `${el.dataset.slotChannel} ${el.dataset.slotAt}`,
    );
    // Wednesdays 09:00 (CET then CEST) except the taken 28th; Sundays 02:30, which on the 25th
    // does not exist and is 03:30 CEST (01:30Z).
    expect(drawn).toEqual(
      expect.arrayContaining([
        "7 2035-03-21T08:00:00Z",
        "8 2035-03-25T01:30:00Z",
        "8 2035-04-01T00:30:00Z",
      ]),
    );
    expect(drawn).not.toContain("7 2035-03-28T07:00:00Z");
    const marker = grid.querySelector<HTMLElement>('[data-slot-at="2035-03-21T08:00:00Z"]');
    expect(marker).toHaveTextContent("09:00");
    expect(marker).toHaveTextContent("open · acme.bsky.social");

    await waitFor(() => expect(backend.argsOf("slot_occurrences")).toHaveLength(3));
    // What the window lacks either side: from February's grid (Mon 29 Jan) to April's (Sun 6 May).
    const [, before, after] = backend.argsOf("slot_occurrences") as { from: string; to: string }[];
    expect(before.to).toBe("2035-02-25T23:00:00.000Z");
    expect(Date.parse(before.from)).toBeLessThanOrEqual(Date.parse("2035-01-28T23:00:00.000Z"));
    expect(after.from).toBe("2035-04-01T22:00:00.000Z");
    expect(Date.parse(after.to)).toBeGreaterThanOrEqual(Date.parse("2035-05-06T22:00:00.000Z"));

    // Next month is drawn from that window (April's Wednesday slot), then the window grows ahead.
    await user.click(screen.getByRole("button", { name: "Next month" }));
    await waitFor(() => expect(grid.querySelector('[data-slot-at="2035-04-04T07:00:00Z"]')).not.toBeNull());
    await waitFor(() => expect(backend.argsOf("slot_occurrences")).toHaveLength(4));
  });

  it("hides the slots of channels filtered out", async () => {
    const { user } = await renderShell(seed);
    await user.click(screen.getByTestId("nav-calendar"));
    await screen.findByTestId("calendar", {}, { timeout: 5000 });
    const grid = screen.getByTestId("calendar-grid");
    await waitFor(() => expect(grid.querySelector('[data-slot-channel="8"]')).not.toBeNull());
    const filters = screen.getByRole("group", { name: "Channels" });
    await user.click(within(filters).getByRole("checkbox", { name: "acme.bsky.social" }));
    await waitFor(() => expect(grid.querySelector('[data-slot-channel="8"]')).toBeNull());
    expect(grid.querySelector('[data-slot-channel="7"]')).not.toBeNull();
  });
});

describe("slotForDrop", () => {
  const zone = "Europe/Berlin";
  const dayOf = (at: Date) => isoDay(at, zone);
  const slots = openSlots(
    [
      { channelId: 8, at: "2035-03-21T07:00:00Z", taken: false }, // Wed 08:00
      { channelId: 7, at: "2035-03-21T08:00:00Z", taken: false }, // Wed 09:00
      { channelId: 7, at: "2035-03-21T16:00:00Z", taken: true }, // Wed 17:00, taken
      { channelId: 7, at: "2035-03-20T08:00:00Z", taken: false }, // Tue 09:00, already past
    ],
    new Set(),
    NOW,
  ).sort((a, b) => a.at.localeCompare(b.at));

  it("on a whole day takes that day's first open slot ahead, the draft's channels first", () => {
    const wednesday = { start: new Date("2035-03-20T23:00:00Z"), allDay: true };
    expect(slotForDrop(slots, wednesday, dayOf, [7], NOW)?.at).toBe("2035-03-21T08:00:00Z");
    expect(slotForDrop(slots, wednesday, dayOf, [9], NOW)?.at).toBe("2035-03-21T07:00:00Z");
    const tuesday = { start: new Date("2035-03-19T23:00:00Z"), allDay: true };
    expect(slotForDrop(slots, tuesday, dayOf, [7], NOW)).toBeNull();
  });

  it("in a time grid takes a slot at or just after the drop point only", () => {
    const at = (iso: string) => ({ start: new Date(iso), allDay: false });
    expect(slotForDrop(slots, at("2035-03-21T08:00:00Z"), dayOf, [7], NOW)?.at).toBe("2035-03-21T08:00:00Z");
    expect(slotForDrop(slots, at("2035-03-21T07:50:00Z"), dayOf, [7], NOW)?.at).toBe("2035-03-21T08:00:00Z");
    expect(slotForDrop(slots, at("2035-03-21T07:30:00Z"), dayOf, [7], NOW)).toBeNull();
    expect(slotForDrop(slots, at("2035-03-21T16:00:00Z"), dayOf, [7], NOW)).toBeNull();
  });
});
