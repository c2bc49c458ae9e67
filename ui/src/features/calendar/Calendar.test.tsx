import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../lib/ipc/client";
import { channel, installBackend, post, target, type FakeBackend } from "../../test/fakeBackend";
import { libraryItem } from "../../test/fakeMedia";
import { renderShell } from "../../test/renderShell";

// Tuesday 20 March 2035, 10:00 in Berlin (CET, UTC+1). Only Date is faked; timers run.
const NOW = new Date("2035-03-20T09:00:00Z");

const bsky = channel(7, "bluesky", "acme.bsky.social");
const masto = channel(8, "mastodon", "@acme@mastodon.social");

function seed(b: FakeBackend) {
  b.channels = [bsky, masto];
  b.posts = [
    post(1, "Spring menu is out", [target(11, bsky, "scheduled"), target(12, masto, "scheduled")], {
      dueAt: "2035-03-21T08:30:00.000Z", // Wed 09:30
      thread: ["Part two", "Part three"],
    }),
    post(2, "Weekend brunch", [target(21, masto, "scheduled")], { dueAt: "2035-03-24T08:30:00.000Z" }), // Sat 09:30
    post(3, "Opening hours", [target(31, bsky, "published")], { dueAt: "2035-03-19T11:00:00.000Z" }), // Mon 12:00
    post(4, "Flash sale", [target(41, masto, "failed", { lastError: "rate limited" })], {
      dueAt: "2035-03-20T09:30:00.000Z", // Tue 10:30
    }),
    post(5, "Recipe card draft", [target(51, bsky, "draft")], { createdAt: "2035-03-18T09:00:00Z" }),
    post(6, "Older draft", [target(61, masto, "draft")], { createdAt: "2035-03-01T09:00:00Z" }),
  ];
  b.imageCounts = { 1: 2 };
  b.thumbnails = { 1: "data:image/png;base64,iVBORw0KGgo=" };
}

beforeAll(async () => {
  // The calendar is loaded on first use; load it once here rather than inside a test's timeout.
  await import("./Calendar");
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

async function openCalendar(setup: (b: FakeBackend) => void = seed) {
  const result = await renderShell(setup);
  await result.user.click(screen.getByTestId("nav-calendar"));
  const page = await screen.findByTestId("calendar", {}, { timeout: 5000 });
  return { ...result, page };
}

/** FullCalendar's focusable element around a post. */
function host(postId: number): HTMLElement {
  const inner = screen.getByTestId("calendar-grid").querySelector(`[data-post-id="${postId}"]`);
  const el = inner?.closest<HTMLElement>("[role=button]");
  if (!el) throw new Error(`post ${postId} is not on the calendar`);
  return el;
}

async function findHost(postId: number): Promise<HTMLElement> {
  let el: HTMLElement | null = null;
  await waitFor(() => {
    el = host(postId);
  });
  return el as unknown as HTMLElement;
}

/** A range request `[from, to)` that holds `[start, end)`. */
function expectCovers(args: unknown, start: string, end: string) {
  const { from, to } = args as { from: string; to: string };
  expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse(start));
  expect(Date.parse(to)).toBeGreaterThanOrEqual(Date.parse(end));
}

/** The requests together hold [start, end): the window grows by the parts it lacks. */
function expectFetched(requests: unknown[], start: string, end: string) {
  const spans = (requests as { from: string; to: string }[])
    .map(({ from, to }) => [Date.parse(from), Date.parse(to)])
    .sort((a, b) => a[0] - b[0]);
  let reached = Date.parse(start);
  for (const [from, to] of spans) if (from <= reached) reached = Math.max(reached, to);
  expect(reached).toBeGreaterThanOrEqual(Date.parse(end));
}

function dueShown(postId: number): string | null {
  return host(postId).querySelector("time")?.getAttribute("datetime") ?? null;
}

// FullCalendar renders a whole month grid per test; jsdom is slow at that.
describe("calendar", { timeout: 20_000 }, () => {
  it("asks for the visible month first, then the months around it, and draws every post of it", async () => {
    const { backend, page } = await openCalendar();
    await findHost(1);
    // The March grid runs Mon 26 Feb – Sun 1 Apr in Berlin; summer time starts on 25 March.
    expect(backend.argsOf("calendar_range")[0]).toEqual({
      workspaceId: 1,
      from: "2035-02-25T23:00:00.000Z",
      to: "2035-04-01T22:00:00.000Z",
    });
    // Then, once idle, as much again either side, so paging is drawn from memory: only what
    // the window lacks, the span before the month and the span after it.
    await waitFor(() => expect(backend.argsOf("calendar_range")).toHaveLength(3));
    const [, before, after] = backend.argsOf("calendar_range") as { from: string; to: string }[];
    // Together they hold February's grid (from Mon 29 Jan) and April's (to Sun 6 May).
    expect(before.to).toBe("2035-02-25T23:00:00.000Z");
    expectCovers(before, "2035-01-28T23:00:00.000Z", before.to);
    expect(after.from).toBe("2035-04-01T22:00:00.000Z");
    expectCovers(after, after.from, "2035-05-06T22:00:00.000Z");
    expect(page).toHaveTextContent("Times are in Europe/Berlin (UTC+1)");
    expect(host(1)).toHaveTextContent(/Spring menu is out/);
    expect(within(host(1)).getByText("Scheduled", { selector: ".status-pill" })).toBeInTheDocument();
    expect(within(host(1)).getByTitle("Thread of 3 posts")).toHaveTextContent("3");
    expect(within(host(1)).getByTitle("2 images")).toHaveTextContent("2");
    // The first image's thumbnail; a post without one draws none.
    expect(host(1).querySelector("img.cal-thumb")).toHaveAttribute("src", "data:image/png;base64,iVBORw0KGgo=");
    expect(host(4).querySelector("img")).toBeNull();
    expect(within(host(4)).getByText("Failed", { selector: ".status-pill" })).toBeInTheDocument();
    expect(host(4)).toHaveClass("cal-post-problem");
    // A post on two channels shows both colours.
    expect(host(1).querySelector(".cal-stripe")).toHaveStyle({
      background: "linear-gradient(to bottom, var(--channel-0) 0% 50%, var(--channel-1) 50% 100%)",
    });
    // What a screen reader hears says when, what and where (the browser test checks the name).
    expect(host(1)).toHaveAccessibleName(
      /^Wed.*21.*09:30.*Scheduled\. Spring menu is out\. on acme\.bsky\.social \(Bluesky\), @acme@mastodon\.social \(Mastodon\)\. thread of 3 posts\. 2 images\. Drag, or use Alt/,
    );

    // Drafts beside it, newest first; they are not on the calendar.
    const drafts = within(screen.getByTestId("calendar-drafts"));
    expect(drafts.getAllByRole("listitem").map((li) => li.dataset.postId)).toEqual(["5", "6"]);
    expect(backend.argsOf("unscheduled_drafts")).toEqual([{ workspaceId: 1 }]);

    // The next month (Mon 26 Mar – Sun 6 May) is inside that window: drawn without a request
    // of its own; near the window's edge, the window grows ahead once idle, by what it lacks.
    await userClick(screen.getByRole("button", { name: "Next month" }));
    await waitFor(() => expect(backend.argsOf("calendar_range")).toHaveLength(4));
    // From where the window ended to May's grid (Sun 3 June).
    const ahead = backend.argsOf("calendar_range")[3] as { from: string; to: string };
    expect(ahead.from).toBe(after.to);
    expectCovers(ahead, ahead.from, "2035-06-03T22:00:00.000Z");
    // Back to March and on to April again: all drawn from memory, nothing more is asked for.
    await userClick(screen.getByRole("button", { name: "Previous month" }));
    await findHost(1);
    await userClick(screen.getByRole("button", { name: "Next month" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend.argsOf("calendar_range")).toHaveLength(4);
  });

  it("filters by channel and status and searches the range and the drafts", async () => {
    const { user } = await openCalendar();
    await findHost(3);
    const filters = screen.getByRole("group", { name: "Filter the calendar" });

    await user.click(within(filters).getByRole("checkbox", { name: "@acme@mastodon.social" }));
    await waitFor(() => expect(screen.getByTestId("calendar-grid").querySelector('[data-post-id="3"]')).toBeNull());
    expect(host(2)).toBeInTheDocument();
    expect(within(screen.getByTestId("calendar-drafts")).queryByText("Recipe card draft")).not.toBeInTheDocument();
    await user.click(within(filters).getByRole("checkbox", { name: "@acme@mastodon.social" }));

    await user.click(within(filters).getByRole("checkbox", { name: /^Failed/ }));
    await waitFor(() => expect(screen.getByTestId("calendar-grid").querySelectorAll("[data-post-id]")).toHaveLength(1));
    expect(host(4)).toBeInTheDocument();
    await user.click(within(filters).getByRole("checkbox", { name: /^Failed/ }));

    await user.type(screen.getByRole("searchbox", { name: "Search posts" }), "recipe");
    expect(await screen.findByTestId("calendar-filtered-out")).toHaveTextContent(
      "None of the 4 posts in this month match the filters.",
    );
    const drafts = within(screen.getByTestId("calendar-drafts"));
    expect(drafts.getByText("Recipe card draft")).toBeInTheDocument();
    expect(drafts.queryByText("Older draft")).not.toBeInTheDocument();

    await user.click(within(filters).getByRole("button", { name: "Clear filters" }));
    await findHost(1);
    expect(screen.getByRole("searchbox", { name: "Search posts" })).toHaveValue("");
    expect(drafts.getByText("Older draft")).toBeInTheDocument();
  });

  it("moves a focused post a day with Alt+Right, announces it, and Undo moves it back", async () => {
    const { backend, user } = await openCalendar();
    (await findHost(1)).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    await waitFor(() => expect(backend.argsOf("reschedule_post")).toHaveLength(1));
    expect(backend.argsOf("reschedule_post")[0]).toEqual({ postId: 1, at: "2035-03-22T09:30:00+01:00" });
    await waitFor(() => expect(dueShown(1)).toBe("2035-03-22T08:30:00.000Z"));
    expect(screen.getByTestId("calendar-announcer")).toHaveTextContent(/^Moved to .*22.*09:30/);
    await waitFor(() => expect(document.activeElement).toBe(host(1)));

    const toast = screen.getAllByTestId("toast").find((t) => /Moved to/.test(t.textContent ?? ""));
    expect(toast).toHaveTextContent("Spring menu is out");
    await user.click(within(toast as HTMLElement).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(backend.argsOf("reschedule_post")).toHaveLength(2));
    expect(backend.argsOf("reschedule_post")[1]).toEqual({ postId: 1, at: "2035-03-21T09:30:00+01:00" });
    await waitFor(() => expect(dueShown(1)).toBe("2035-03-21T08:30:00.000Z"));
    await waitFor(() =>
      expect(screen.getAllByTestId("toast").some((t) => /Moved back to .*21.*09:30/.test(t.textContent ?? ""))).toBe(true),
    );
  });

  it("keeps the wall-clock time when a key move crosses the change to summer time", async () => {
    const { backend, user } = await openCalendar();
    (await findHost(2)).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    await waitFor(() => expect(backend.argsOf("reschedule_post")).toEqual([{ postId: 2, at: "2035-03-25T09:30:00+02:00" }]));
    await waitFor(() => expect(dueShown(2)).toBe("2035-03-25T07:30:00.000Z"));
  });

  it("refuses a key move into the past without asking the backend", async () => {
    const { backend, user } = await openCalendar();
    (await findHost(4)).focus();
    await user.keyboard("{Alt>}{ArrowLeft}{/Alt}");
    const toast = await screen.findByText(/has already passed/, { selector: ".toast-title" });
    expect(toast.closest("[data-testid=toast]")).toHaveTextContent("Posts can only move to a time still ahead.");
    expect(screen.getByTestId("calendar-announcer")).toHaveTextContent(/^Not moved: .*has already passed/);
    expect(backend.argsOf("reschedule_post")).toEqual([]);
    expect(dueShown(4)).toBe("2035-03-20T09:30:00.000Z");
  });

  it("does not move a post that has gone out", async () => {
    const { backend, user } = await openCalendar();
    expect(await findHost(3)).not.toHaveAttribute("aria-keyshortcuts");
    host(3).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    expect(screen.getByTestId("calendar-announcer")).toHaveTextContent("cannot be moved");
    expect(backend.argsOf("reschedule_post")).toEqual([]);
  });

  it("shows the backend's refusal, keeps the post where it was and reloads", async () => {
    const refusal = "This post has already gone out on acme.bsky.social (bluesky), so it cannot be moved.";
    const { backend, user } = await openCalendar((b) => {
      seed(b);
      b.fail.reschedule_post = { code: "conflict", message: refusal, field: null };
    });
    (await findHost(1)).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    const toast = await screen.findByText(refusal);
    expect(toast.closest("[data-testid=toast]")).toHaveTextContent("Couldn't move the post");
    expect(dueShown(1)).toBe("2035-03-21T08:30:00.000Z");
    await waitFor(() => expect(backend.argsOf("calendar_range").length).toBeGreaterThanOrEqual(2));
  });

  it("offers no undo once the old time has passed", async () => {
    const { backend, user } = await openCalendar();
    (await findHost(1)).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    const toast = await waitFor(() => {
      const found = screen.getAllByTestId("toast").find((t) => /Moved to/.test(t.textContent ?? ""));
      if (!found) throw new Error("no toast yet");
      return found;
    });
    // The toast stayed up past Wednesday 09:30.
    vi.setSystemTime(new Date("2035-03-21T09:00:00Z"));
    await user.click(within(toast).getByRole("button", { name: "Undo" }));
    expect(await screen.findByText("Can't undo")).toBeInTheDocument();
    expect(backend.argsOf("reschedule_post")).toHaveLength(1);
  });

  it("opens a post's details from the calendar and from the drafts panel", async () => {
    const { user } = await openCalendar();
    await user.click(await findHost(4));
    const dialog = await screen.findByRole("dialog", { name: "Post details" });
    expect(within(dialog).getByText("rate limited")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await user.click(within(screen.getByTestId("calendar-drafts")).getByText("Recipe card draft"));
    expect(await screen.findByRole("dialog", { name: "Post details" })).toHaveTextContent("Recipe card draft");
  });

  it("redraws when the publishing engine reports a change", async () => {
    const { backend } = await openCalendar();
    await findHost(1);
    backend.posts[0].targets = backend.posts[0].targets.map((t) => ({ ...t, state: "published" }));
    await act(() => emit("chorus://publish", { type: "targetChanged", postId: 1, targetId: 11, state: "published" }));
    await waitFor(() => expect(within(host(1)).getByText("Published", { selector: ".status-pill" })).toBeInTheDocument());
    expect(host(1)).not.toHaveAttribute("aria-keyshortcuts");
  });

  it("an empty month says so and offers to write a post", async () => {
    const { user } = await openCalendar((b) => {
      b.channels = [bsky];
    });
    const empty = await screen.findByTestId("calendar-empty");
    expect(empty).toHaveTextContent("Nothing planned this month");
    expect(within(screen.getByTestId("calendar-drafts")).getByText(/No unscheduled drafts/)).toBeInTheDocument();
    await user.click(within(empty).getByRole("button", { name: "Write a post" }));
    expect(screen.getByTestId("posts")).toBeVisible();
    expect(screen.getByTestId("calendar")).not.toBeVisible();
  });

  it("says when the range cannot be loaded, and tries again", async () => {
    const { backend, user } = await openCalendar((b) => {
      seed(b);
      b.fail.calendar_range = { code: "storage", message: "database is locked", field: null };
    });
    expect(await screen.findByTestId("calendar-failed")).toHaveTextContent("The calendar could not be loaded.");
    expect(screen.getByRole("alert")).toHaveTextContent("database is locked");
    await user.click(within(screen.getByTestId("calendar-failed")).getByRole("button", { name: "Try again" }));
    await findHost(1);
    expect(screen.queryByTestId("calendar-failed")).not.toBeInTheDocument();
    // The failed visible range, the same again, then the spans either side of it.
    await waitFor(() => expect(backend.argsOf("calendar_range")).toHaveLength(4));
    expect(backend.argsOf("calendar_range")[1]).toEqual(backend.argsOf("calendar_range")[0]);
  });

  it("adds a draft to the queue with Q, and Undo puts it back in the drafts", async () => {
    const { backend, user } = await openCalendar((b) => {
      seed(b);
      b.slots = [{ channelId: 7, weekday: 4, time: "09:00" }]; // Thursdays, bsky
    });
    const drafts = screen.getByTestId("calendar-drafts");
    const card = await within(drafts).findByTestId("draft-5");
    card.focus();
    await user.keyboard("q");
    // Thursday 22 March 09:00 CET, the next open slot of bsky (the draft's channel).
    await waitFor(() =>
      expect(backend.argsOf("reschedule_post")).toEqual([{ postId: 5, at: "2035-03-22T09:00:00+01:00" }]),
    );
    expect(backend.argsOf("next_free_slot")).toEqual([{ workspaceId: 1, channelIds: [7] }]);
    await findHost(5);
    const toast = await waitFor(() => {
      const found = screen.getAllByTestId("toast").find((t) => /Scheduled for/.test(t.textContent ?? ""));
      if (!found) throw new Error("no toast yet");
      return found;
    });
    expect(toast).toHaveTextContent("Recipe card draft");
    await user.click(within(toast).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(backend.argsOf("unschedule_post")).toEqual([{ postId: 5 }]));
    await waitFor(() => expect(within(drafts).getByTestId("draft-5")).toBeInTheDocument());
    expect(screen.getByTestId("calendar-grid").querySelector('[data-post-id="5"]')).toBeNull();

    // Mastodon has no slots: said so, nothing moves.
    within(drafts).getByTestId("draft-6").focus();
    await user.keyboard("Q");
    await waitFor(() =>
      expect(screen.getByTestId("calendar-announcer")).toHaveTextContent(
        /^Not scheduled: These channels have no free posting slot in the next eight weeks/,
      ),
    );
    expect(screen.getAllByTestId("toast").some((t) => /No open posting slot/.test(t.textContent ?? ""))).toBe(true);
    expect(backend.argsOf("reschedule_post")).toHaveLength(1);
  });

  it("offers the library's images beside the calendar; Enter on one starts a post with it", async () => {
    const { backend, user } = await openCalendar((b) => {
      seed(b);
      const file = { sha256: "c0ffee", mimeType: "image/jpeg", byteSize: 120_000, width: 1200, height: 800, metadata: [] };
      b.media.files["/photos/loaf.jpg"] = file;
      b.media.items = [libraryItem(90, 1, "loaf.jpg", file, { altText: "A loaf" })];
    });
    const panel = within(screen.getByTestId("calendar-media"));
    const image = await panel.findByRole("listitem", { name: /^loaf\.jpg, 1200 by 800/ });
    expect(backend.argsOf("list_media")[0]).toEqual({ workspaceId: 1, search: null });
    image.focus();
    await user.keyboard("{Enter}");
    const form = await screen.findByTestId("post-form");
    expect(within(form).getByLabelText("Alt text for loaf.jpg")).toHaveValue("A loaf");
  });

  it("filters by tag, from the tags of the posts in view, and search finds tags", async () => {
    const { user } = await openCalendar((b) => {
      seed(b);
      b.posts = b.posts.map((p) =>
        p.id === 1 ? { ...p, tags: ["Spring menu", "Events"] } : p.id === 2 ? { ...p, tags: ["events"] } : p,
      );
    });
    await findHost(3);
    const tagFilter = within(screen.getByTestId("calendar-tag-filter"));
    // One chip per tag whatever its case, with how many posts in view carry it.
    expect(tagFilter.getAllByRole("checkbox").map((c) => c.closest("label")?.textContent)).toEqual([
      "#Events2",
      "#Spring menu1",
    ]);
    await user.click(tagFilter.getByRole("checkbox", { name: /Spring menu/ }));
    await waitFor(() => expect(screen.getByTestId("calendar-grid").querySelector('[data-post-id="3"]')).toBeNull());
    expect(host(1)).toBeInTheDocument();
    expect(screen.getByTestId("calendar-grid").querySelector('[data-post-id="2"]')).toBeNull();
    await user.click(tagFilter.getByRole("checkbox", { name: /Spring menu/ }));
    await findHost(3);

    await user.type(screen.getByLabelText("Search posts"), "events");
    await waitFor(() => expect(screen.getByTestId("calendar-grid").querySelector('[data-post-id="3"]')).toBeNull());
    expect(host(1)).toBeInTheDocument();
    expect(host(2)).toBeInTheDocument();
  });

  it("shows a busy day's first posts and '+N more', which opens the day with all of them", async () => {
    const { user } = await openCalendar((b) => {
      seed(b);
      // Thursday 22 March: seven posts, 09:00 to 15:00 Berlin.
      for (let i = 0; i < 7; i++) {
        b.posts.push(
          post(100 + i, `Busy day post ${i}`, [target(1000 + i, bsky, "scheduled")], {
            dueAt: `2035-03-22T${String(8 + i).padStart(2, "0")}:00:00.000Z`,
          }),
        );
      }
    });
    await findHost(100);
    const grid = screen.getByTestId("calendar-grid");
    const cell = grid.querySelector<HTMLElement>('[data-date="2035-03-22"]');
    if (!cell) throw new Error("no cell for 22 March");
    expect([...cell.querySelectorAll<HTMLElement>("[data-post-id]")].map((el) => el.dataset.postId)).toEqual([
      "100",
      "101",
      "102",
    ]);
    const more = within(cell).getByText("+4 more", { exact: false });
    expect(more.closest("[data-more-day]")).toHaveAttribute("data-more-day", "2035-03-22");
    expect(more).toHaveTextContent(/posts on Thursday, (22 March|March 22): open the day/);
    // Other days are whole.
    expect(host(1)).toBeInTheDocument();

    await user.click(more);
    await waitFor(() => expect(screen.getByTestId("calendar-range-title")).toHaveTextContent(/22/));
    for (let i = 0; i < 7; i++) await findHost(100 + i);
    expect(screen.getByRole("radio", { name: "Day" })).toBeChecked();
  });

  it("pages months across a year's end, keeps the place when switching views, and Today comes back", async () => {
    const { backend, user } = await openCalendar();
    await findHost(1);
    const title = () => screen.getByTestId("calendar-range-title");
    for (let i = 0; i < 10; i++) await user.click(screen.getByRole("button", { name: "Next month" }));
    expect(title()).toHaveTextContent("January 2036");
    // January 2036 starts on a Tuesday and ends on a Thursday: Mon 31 Dec – Sun 3 Feb, in Berlin.
    await waitFor(() => expectFetched(backend.argsOf("calendar_range"), "2035-12-30T23:00:00.000Z", "2036-02-03T23:00:00.000Z"));
    const grid = screen.getByTestId("month-grid");
    expect(grid).toHaveAccessibleName("January 2036");
    expect(grid.querySelectorAll("[role=cell]")).toHaveLength(35);
    expect(grid.querySelector("[role=cell]")).toHaveAttribute("data-date", "2035-12-31");

    // The week view opens on the month's first day; paging there moves the month along.
    await user.click(screen.getByRole("radio", { name: "Week" }));
    await waitFor(() => expect(title()).toHaveTextContent("Dec 31, 2035 – Jan 6, 2036"));
    for (let i = 0; i < 5; i++) await user.click(screen.getByRole("button", { name: "Next week" }));
    await waitFor(() => expect(title()).toHaveTextContent(/Feb/));
    await user.click(screen.getByRole("radio", { name: "Month" }));
    expect(title()).toHaveTextContent("February 2036");

    // A day's date opens that day.
    await user.click(within(screen.getByTestId("month-grid")).getByRole("button", { name: /February 12|12 February/ }));
    await waitFor(() => expect(title()).toHaveTextContent(/Tuesday, (12 February|February 12), 2036|Tuesday 12 February 2036/));
    expect(screen.getByRole("radio", { name: "Day" })).toBeChecked();

    await user.click(screen.getByRole("radio", { name: "Month" }));
    await user.click(screen.getByRole("button", { name: "Today" }));
    expect(title()).toHaveTextContent("March 2035");
    const today = screen.getByTestId("month-grid").querySelector('[aria-current="date"]');
    expect(today).toHaveAttribute("data-date", "2035-03-20");
    expect(today).toHaveClass("month-day-today");
    expect(screen.getByTestId("month-grid").querySelector('[data-date="2035-03-19"]')).toHaveClass("cal-day-past");
    await findHost(1);
  });

  it("Ctrl+3 opens the calendar", async () => {
    const { user } = await renderShell(seed);
    await user.keyboard("{Control>}3{/Control}");
    expect(await screen.findByTestId("calendar", {}, { timeout: 5000 })).toBeVisible();
    expect(screen.getByTestId("nav-calendar")).toHaveAttribute("aria-current", "page");
  });
});

describe("the fake backend keeps the calendar commands' contract", () => {
  function backend() {
    const b = installBackend();
    seed(b);
    b.workspaces = [{ id: 1, name: "Acme", timezone: "Europe/Berlin", createdAt: "2035-01-01T00:00:00Z" }];
    return b;
  }

  it("calendar_range: [from, to) in time order, one entry per post, trouble first", async () => {
    backend();
    const week = await ipc.calendarRange(1, "2035-03-19T00:00:00+01:00", "2035-03-21T09:30:00+01:00");
    // Post 1 is due at exactly `to`: the end is exclusive.
    expect(week.map((e) => e.postId)).toEqual([3, 4]);
    expect(week[1]).toMatchObject({ status: "failed", movable: true, dueAt: "2035-03-20T09:30:00.000Z" });
    expect(week[0]).toMatchObject({ status: "published", movable: false });
    await expect(ipc.calendarRange(1, "2035-03-20T00:00:00Z", "2035-03-20T00:00:00Z")).rejects.toEqual({
      code: "validation",
      field: "to",
      message: "The end of the range must come after its start.",
    });
    await expect(ipc.calendarRange(1, "yesterday", "2035-03-20T00:00:00Z")).rejects.toMatchObject({
      code: "validation",
      field: "from",
    });
  });

  it("reschedule_post: moves every channel, schedules drafts, refuses the past and what went out", async () => {
    const b = backend();
    b.publishing.paused = true;
    const moved = await ipc.reschedulePost(5, "2035-03-23T12:00:00+01:00");
    expect(moved.dueAt).toBe("2035-03-23T11:00:00.000Z");
    expect(moved.targets.map((t) => t.state)).toEqual(["paused"]);
    expect(await ipc.unscheduledDrafts(1)).toHaveLength(1);

    await expect(ipc.reschedulePost(1, "2035-03-20T08:00:00Z")).rejects.toEqual({
      code: "validation",
      field: "at",
      message: "That time is in the past; posts can only move to a time still ahead.",
    });
    await expect(ipc.reschedulePost(3, "2035-03-23T12:00:00Z")).rejects.toEqual({
      code: "conflict",
      field: null,
      message: "This post has already gone out on acme.bsky.social (bluesky), so it cannot be moved.",
    });
    await expect(ipc.reschedulePost(999, "2035-03-23T12:00:00Z")).rejects.toMatchObject({ code: "not_found" });
  });
});

async function userClick(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}
