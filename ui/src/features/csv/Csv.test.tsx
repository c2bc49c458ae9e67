import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { channel, type FakeBackend } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";

const NOW = new Date("2035-03-20T09:00:00Z");
const bsky = channel(7, "bluesky", "acme.bsky.social");
const masto = channel(8, "mastodon", "@acme@mastodon.social");

const GOOD = [
  "time,channels,text,thread",
  '2035-03-22 09:00,acme.bsky.social,"Spring menu, part one","Part two\n---\nPart three"',
  "2035-03-23T10:00:00+01:00,7;8,Weekend brunch,",
  ",8,A draft for later,",
].join("\n");

const BAD = [
  "time,channels,text",
  "2035-03-22 09:00,acme.bsky.social,Fine row",
  "next tuesday,nobody.example,Broken row",
  "2035-03-24 09:00,,",
].join("\n");

function seed(b: FakeBackend) {
  b.channels = [bsky, masto];
  b.csvFiles = { "/home/ada/good.csv": GOOD, "/home/ada/bad.csv": BAD };
}

beforeAll(async () => {
  await import("../calendar/Calendar");
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

async function openMenu() {
  const result = await renderShell(seed);
  await result.user.click(screen.getByTestId("nav-calendar"));
  await screen.findByTestId("calendar", {}, { timeout: 5000 });
  await result.user.click(screen.getByTestId("csv-menu"));
  return result;
}

describe("CSV import and export", { timeout: 20_000 }, () => {
  it("checks the file first, lists every row as fine, and imports only on request", async () => {
    const { backend, user } = await openMenu();
    backend.pickedFiles = ["/home/ada/good.csv"];
    await user.click(screen.getByRole("menuitem", { name: "Import posts from CSV…" }));

    const dialog = await screen.findByRole("dialog", { name: "Import good.csv" });
    expect(backend.argsOf("import_csv")).toEqual([{ workspaceId: 1, path: "/home/ada/good.csv", dryRun: true }]);
    expect(backend.posts).toEqual([]);
    expect(dialog).toHaveTextContent("All 3 rows are fine.");
    // Lines as in the file: the quoted thread spans two more lines.
    const rows = within(dialog).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-testid"))).toEqual(["csv-row-2", "csv-row-5", "csv-row-6"]);
    expect(rows.every((r) => within(r).queryByLabelText("OK") !== null)).toBe(true);
    expect(rows[0]).toHaveTextContent("Spring menu, part one");
    expect(rows[0]).toHaveTextContent("09:00");
    expect(rows[2]).toHaveTextContent("Draft (no time)");

    await user.click(within(dialog).getByRole("button", { name: "Import 3 posts" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("import_csv")[1]).toEqual({ workspaceId: 1, path: "/home/ada/good.csv", dryRun: false });
    expect(backend.posts).toHaveLength(3);
    expect(backend.posts.find((p) => p.text === "Spring menu, part one")?.thread).toEqual(["Part two", "Part three"]);
    expect(await screen.findByText("Imported 3 posts")).toBeInTheDocument();
  });

  it("shows each row's errors by line, with no import button", async () => {
    const { backend, user } = await openMenu();
    backend.pickedFiles = ["/home/ada/bad.csv"];
    await user.click(screen.getByRole("menuitem", { name: "Import posts from CSV…" }));

    const dialog = await screen.findByRole("dialog", { name: "Import bad.csv" });
    expect(dialog).toHaveTextContent("2 of 3 rows have errors. Nothing is imported");
    expect(within(dialog).getByTestId("csv-row-2")).toHaveAttribute("data-ok", "true");
    const broken = within(dialog).getByTestId("csv-row-3");
    expect(within(broken).getByRole("list", { name: "Errors on line 3" })).toHaveTextContent(
      'time "next tuesday" is not a date and time',
    );
    expect(broken).toHaveTextContent('there is no channel "nobody.example" in this workspace');
    const empty = within(dialog).getByTestId("csv-row-4");
    expect(empty).toHaveTextContent("no channels: name at least one (id or handle)");
    expect(within(dialog).queryByRole("button", { name: /^Import/ })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Close report" }));
    expect(backend.argsOf("import_csv")).toHaveLength(1);
    expect(backend.posts).toEqual([]);
  });

  it("says so when the file cannot be read, and does nothing when the dialog is cancelled", async () => {
    const { backend, user } = await openMenu();
    await user.click(screen.getByRole("menuitem", { name: "Import posts from CSV…" }));
    expect(backend.argsOf("import_csv")).toEqual([]);

    backend.pickedFiles = ["/home/ada/missing.csv"];
    await user.click(screen.getByTestId("csv-menu"));
    await user.click(screen.getByRole("menuitem", { name: "Import posts from CSV…" }));
    expect(await screen.findByText("Could not read missing.csv")).toBeInTheDocument();
    expect(screen.getByText(/missing\.csv cannot be read as CSV/)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("exports through the save dialog and reports how many posts went out, or why not", async () => {
    const { backend, user } = await openMenu();
    backend.savePath = "/home/ada/acme.csv";
    await user.click(screen.getByRole("menuitem", { name: "Export all posts to CSV…" }));
    expect(await screen.findByText("Exported 0 posts")).toBeInTheDocument();
    expect(backend.exported).toEqual({ "/home/ada/acme.csv": 0 });
    const save = backend.calls.find((c) => c.cmd === "plugin:dialog|save");
    expect(save?.args).toMatchObject({ options: { defaultPath: "Acme Coffee posts.csv" } });

    backend.fail.export_csv = { code: "validation", field: "file", message: "cannot write /home/ada/acme.csv: Permission denied" };
    await user.click(screen.getByTestId("csv-menu"));
    await user.click(screen.getByRole("menuitem", { name: "Export all posts to CSV…" }));
    expect(await screen.findByText("The export failed")).toBeInTheDocument();
    expect(screen.getByText("cannot write /home/ada/acme.csv: Permission denied")).toBeInTheDocument();
  });
});
