import { describe, expect, it } from "vitest";
import type { CalendarEntry, TargetState } from "../../lib/ipc/client";
import { channelColorSlots } from "./channelColors";
import { badgeOf, entryAfterMove, excerpt } from "./entries";
import { filterEntries, foldText, isFiltering, matchesCalendarFilter, NO_FILTER, tagCounts, toggled } from "./filters";

function entry(
  postId: number,
  text: string,
  targets: [number, TargetState][],
  status?: TargetState,
  tags: string[] = [],
): CalendarEntry {
  return {
    postId,
    text,
    dueAt: "2026-12-09T03:30:00.000Z",
    timezone: "Asia/Kolkata",
    status: status ?? badgeOf(targets.map(([, s]) => s)),
    targets: targets.map(([channelId, state], i) => ({
      targetId: postId * 10 + i,
      channelId,
      network: "bluesky",
      channel: `ch${channelId}`,
      state,
    })),
    threadParts: 0,
    imageCount: 0,
    movable: true,
    tags,
    thumbnail: null,
  };
}

const menu = entry(1, "Our winter menu: Crème brûlée and cardamom buns", [
  [11, "scheduled"],
  [12, "scheduled"],
]);
const mixed = entry(2, "Baker's dozen deal all week", [
  [12, "published"],
  [13, "failed"],
]);
const lunch = entry(3, "Lunch special", [[12, "missed"]]);

describe("calendar filters", () => {
  it("no filter shows everything", () => {
    expect(filterEntries([menu, mixed, lunch], NO_FILTER)).toEqual([menu, mixed, lunch]);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, query: "   " })).toBe(false);
  });

  it("a channel filter keeps posts going to any chosen channel", () => {
    const filter = { ...NO_FILTER, channels: new Set([13]) };
    expect(filterEntries([menu, mixed, lunch], filter)).toEqual([mixed]);
    expect(filterEntries([menu, mixed, lunch], { ...filter, channels: new Set([11, 13]) })).toEqual([menu, mixed]);
  });

  it("a status filter matches the badge or any channel's own state", () => {
    expect(mixed.status).toBe("failed");
    const published = { ...NO_FILTER, statuses: new Set<TargetState>(["published"]) };
    expect(filterEntries([menu, mixed, lunch], published)).toEqual([mixed]);
    const failedOrMissed = { ...NO_FILTER, statuses: new Set<TargetState>(["failed", "missed"]) };
    expect(filterEntries([menu, mixed, lunch], failedOrMissed)).toEqual([mixed, lunch]);
  });

  it("search needs every word, ignoring case and accents", () => {
    expect(matchesCalendarFilter(menu, { ...NO_FILTER, query: "creme BRULEE" })).toBe(true);
    expect(matchesCalendarFilter(menu, { ...NO_FILTER, query: "cardamom  menu" })).toBe(true);
    expect(matchesCalendarFilter(menu, { ...NO_FILTER, query: "cardamom rye" })).toBe(false);
    expect(foldText("Café DÉJÀ")).toBe("cafe deja");
  });

  it("filters combine", () => {
    const filter = {
      ...NO_FILTER,
      channels: new Set([12]),
      statuses: new Set<TargetState>(["scheduled"]),
      query: "menu",
    };
    expect(filterEntries([menu, mixed, lunch], filter)).toEqual([menu]);
    expect(filterEntries([menu, mixed, lunch], { ...filter, query: "lunch" })).toEqual([]);
  });

  it("a tag filter shows posts with any chosen tag, whatever the case; search reads tags too", () => {
    const spring = entry(4, "Spring menu", [[11, "scheduled"]], undefined, ["Spring menu", "Events"]);
    const events = entry(5, "Open day", [[11, "scheduled"]], undefined, ["events"]);
    const none = entry(6, "Rye", [[11, "scheduled"]]);
    const byTag = { ...NO_FILTER, tags: new Set(["events"]) };
    expect(isFiltering(byTag)).toBe(true);
    expect(filterEntries([spring, events, none], byTag)).toEqual([spring, events]);
    expect(filterEntries([spring, events, none], { ...NO_FILTER, tags: new Set(["spring menu", "nothing"]) })).toEqual([
      spring,
    ]);
    expect(filterEntries([spring, events, none], { ...NO_FILTER, query: "EVENTS" })).toEqual([spring, events]);
    expect(tagCounts([spring, events, none])).toEqual([
      { tag: "Events", key: "events", count: 2 },
      { tag: "Spring menu", key: "spring menu", count: 1 },
    ]);
  });

  it("toggling returns a new set", () => {
    const a = new Set([1]);
    const b = toggled(a, 2);
    expect([...b]).toEqual([1, 2]);
    expect([...toggled(b, 1)]).toEqual([2]);
    expect([...a]).toEqual([1]);
  });
});

describe("channel colours", () => {
  it("gives up to eight channels distinct slots by id order, whatever order they come in", () => {
    const slots = channelColorSlots([14, 11, 13, 12, 11]);
    expect([...slots.entries()]).toEqual([
      [11, 0],
      [12, 1],
      [13, 2],
      [14, 3],
    ]);
    expect(channelColorSlots([12, 14, 11, 13])).toEqual(slots);
  });

  it("a new channel does not recolour the others", () => {
    const before = channelColorSlots([3, 5]);
    const after = channelColorSlots([3, 5, 9]);
    expect(after.get(3)).toBe(before.get(3));
    expect(after.get(5)).toBe(before.get(5));
    expect(after.get(9)).toBe(2);
  });

  it("wraps round after eight", () => {
    const slots = channelColorSlots([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(slots.get(9)).toBe(0);
  });
});

describe("entries after a move", () => {
  it("takes the new time and states from the backend's answer", () => {
    const draft = { ...entry(4, "Pre-orders", [[11, "draft"]]), dueAt: null };
    const moved = entryAfterMove(draft, {
      id: 4,
      workspaceId: 1,
      text: "Pre-orders",
      threadParts: 0,
      dueAt: "2026-12-11T03:30:00Z",
      timezone: "Asia/Kolkata",
      createdAt: "2026-12-01T00:00:00Z",
      targets: [
        {
          id: 40,
          channelId: 11,
          channel: "ch11",
          network: "bluesky",
          state: "paused",
          dueAt: "2026-12-11T03:30:00Z",
          nextAttemptAt: null,
          attempts: 0,
          lastError: "",
          publishedAt: null,
          remoteUrl: null,
          remoteId: null,
          delivery: "local",
        },
      ],
    });
    expect(moved.dueAt).toBe("2026-12-11T03:30:00.000Z");
    expect(moved.status).toBe("paused");
    expect(moved.movable).toBe(true);
  });

  it("the badge puts trouble first", () => {
    expect(badgeOf(["published", "failed"])).toBe("failed");
    expect(badgeOf(["scheduled", "unconfirmed", "missed"])).toBe("unconfirmed");
    expect(badgeOf(["published", "scheduled"])).toBe("scheduled");
  });

  it("quotes a post briefly, at a word", () => {
    expect(excerpt("Short one")).toBe("Short one");
    expect(excerpt("\nFirst line\nsecond line")).toBe("First line");
    const long = excerpt("We're hiring! Harbour Bakery is looking for an early-morning baker (4 am starts)");
    expect(long.endsWith("…")).toBe(true);
    expect(long.length).toBeLessThanOrEqual(61);
  });
});
