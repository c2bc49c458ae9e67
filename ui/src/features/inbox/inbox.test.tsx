import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { INBOX_FOCUS_EVENT, INBOX_UNREAD_EVENT } from "../../lib/ipc/inbox";
import { channel, type FakeBackend } from "../../test/fakeBackend";
import { inboxItem } from "../../test/fakeInbox";
import { renderShell } from "../../test/renderShell";

function seed(b: FakeBackend) {
  b.channels = [channel(1, "mastodon", "@acme@mastodon.social"), channel(2, "bluesky", "acme.bsky.social")];
  b.inbox.items = [
    inboxItem(1, {
      conversationKey: "thread-a",
      createdAt: "2026-12-01T08:00:00Z",
      text: "When do you open?",
      html: "<p>When do you open?</p>",
      authorAvatarUrl: "http://insecure.example/avatar.png",
    }),
    inboxItem(2, {
      channelId: 2,
      network: "bluesky",
      kind: "reply",
      conversationKey: "thread-b",
      createdAt: "2026-12-01T09:00:00Z",
      authorName: "Alan Turing",
      authorHandle: "alan.bsky.social",
      authorAvatarUrl: "https://cdn.bsky.app/avatar/alan.jpg",
      text: "Love the new roast",
      inReplyToText: "Our winter roast is here",
      ourPostId: 5,
    }),
    inboxItem(3, {
      conversationKey: "thread-a",
      createdAt: "2026-12-01T10:00:00Z",
      text: "Also, do you have oat milk?",
      read: true,
    }),
  ];
}

async function openInbox(setup: (b: FakeBackend) => void = seed) {
  const shell = await renderShell(setup);
  await shell.user.click(screen.getByTestId("nav-inbox"));
  const inbox = screen.getByTestId("inbox");
  await within(inbox).findAllByTestId("inbox-conversation");
  return { ...shell, inbox };
}

function entries(inbox: HTMLElement) {
  return within(inbox)
    .getAllByRole("article")
    .map((a) => a.getAttribute("data-testid"));
}

describe("the inbox", () => {
  it("groups by conversation, newest first, with author, network, the answered post and avatars", async () => {
    const { inbox } = await openInbox();
    const conversations = within(inbox).getAllByTestId("inbox-conversation");
    expect(conversations).toHaveLength(2);
    // thread-a's newest item (10:00) puts it first; its older item stays inside it.
    expect(within(conversations[0]).getAllByRole("article").map((a) => a.dataset.testid)).toEqual([
      "inbox-item-3",
      "inbox-item-1",
    ]);
    expect(within(conversations[1]).getByText("Alan Turing")).toBeInTheDocument();
    expect(within(conversations[1]).getByText("alan.bsky.social")).toBeInTheDocument();
    expect(conversations[1].querySelector(".inbox-kind")).toHaveTextContent("Reply");
    expect(within(conversations[1]).getByText("Our winter roast is here")).toBeInTheDocument();
    expect(within(conversations[1]).getByRole("button", { name: "your post" })).toBeInTheDocument();
    // https avatar allowed by the CSP; the http one is never requested: initials instead.
    const alan = within(inbox).getByTestId("inbox-item-2");
    expect(alan.querySelector("img.inbox-avatar")).toHaveAttribute("src", "https://cdn.bsky.app/avatar/alan.jpg");
    const grace = within(inbox).getByTestId("inbox-item-1");
    expect(grace.querySelector("img")).toBeNull();
    expect(within(grace).getByTestId("avatar-initials")).toHaveTextContent("GH");
  });

  it("shows the unread count in the sidebar and keeps it live from the sync events", async () => {
    const { backend } = await renderShell(seed);
    const badge = await screen.findByTestId("inbox-unread-badge");
    expect(badge).toHaveTextContent("2 unread");
    const listCalls = backend.argsOf("list_inbox").length;
    await act(() => backend.inbox.deliver([inboxItem(9, { text: "Fresh mention", createdAt: "2026-12-01T11:00:00Z" })]));
    await waitFor(() => expect(screen.getByTestId("inbox-unread-badge")).toHaveTextContent("3 unread"));
    // The open list reloads on the event, not on a timer.
    await waitFor(() => expect(backend.argsOf("list_inbox").length).toBe(listCalls + 1));
    expect(await screen.findByText("Fresh mention")).toBeInTheDocument();
    await act(() => emit(INBOX_UNREAD_EVENT, { unread: 0 }));
    await waitFor(() => expect(screen.queryByTestId("inbox-unread-badge")).toBeNull());
  });

  it("Ctrl+5 opens the inbox and the shortcuts dialog lists its keys", async () => {
    const { user } = await renderShell(seed);
    await user.keyboard("{Control>}5{/Control}");
    expect(screen.getByTestId("inbox")).toBeVisible();
    expect(screen.getByTestId("nav-inbox")).toHaveAttribute("aria-current", "page");
    await user.keyboard("?");
    const dialog = await screen.findByTestId("shortcuts-dialog");
    expect(within(dialog).getByText("Go to Inbox")).toBeInTheDocument();
    expect(within(dialog).getByText("Inbox: mark done (again: reopen)")).toBeInTheDocument();
  });

  it("triages from the keyboard: j/k move, e done, s star, u read, r reply, / search", async () => {
    const { user, inbox, backend } = await openInbox();
    expect(entries(inbox)).toEqual(["inbox-item-3", "inbox-item-1", "inbox-item-2"]);
    await user.keyboard("j");
    const first = within(inbox).getByTestId("inbox-item-1");
    await waitFor(() => expect(first).toHaveFocus());
    await user.keyboard("j");
    await waitFor(() => expect(within(inbox).getByTestId("inbox-item-2")).toHaveFocus());
    await user.keyboard("k");
    await waitFor(() => expect(first).toHaveFocus());

    await user.keyboard("e");
    await waitFor(() => expect(within(first).getByRole("button", { name: "Reopen" })).toBeInTheDocument());
    expect(backend.argsOf("update_inbox_items").at(-1)).toEqual({
      ids: [1],
      change: { read: null, done: true, starred: null, assignee: null },
    });
    expect(backend.inbox.items.find((i) => i.id === 1)?.done).toBe(true);

    await user.keyboard("s");
    await waitFor(() => expect(within(first).getByRole("button", { name: "★ Starred" })).toHaveAttribute("aria-pressed", "true"));
    await user.keyboard("u");
    await waitFor(() => expect(within(first).getByRole("button", { name: "Mark unread" })).toBeInTheDocument());
    expect(backend.inbox.items.find((i) => i.id === 1)?.read).toBe(true);
    await waitFor(() => expect(screen.getByTestId("inbox-unread-badge")).toHaveTextContent("1 unread"));

    await user.keyboard("r");
    const reply = await within(first).findByLabelText("Reply to Grace Hopper");
    await waitFor(() => expect(reply).toHaveFocus());
    // Letters typed into the reply are text, not shortcuts.
    await user.type(reply, "jeskur");
    expect(reply).toHaveValue("jeskur");
    expect(backend.inbox.items.find((i) => i.id === 1)?.starred).toBe(true);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(within(first).queryByLabelText("Reply to Grace Hopper")).toBeNull());

    await user.keyboard("/");
    expect(within(inbox).getByLabelText("Search the inbox")).toHaveFocus();
  });

  it("replies inline with a saved reply filled in for the author, and keeps the text on failure", async () => {
    const { user, inbox, backend } = await openInbox((b) => {
      seed(b);
      b.inbox.savedReplies = [
        { id: 50, name: "Thanks", body: "Thanks {name} ({handle}) for writing on {network}!" },
        { id: 51, name: "Broken", body: "Hi {author}" },
      ];
    });
    const alan = within(inbox).getByTestId("inbox-item-2");
    await user.click(within(alan).getByRole("button", { name: "Reply" }));
    const box = await within(alan).findByLabelText("Reply to Alan Turing");
    const menu = within(alan).getByLabelText("Saved reply");
    await waitFor(() => expect(menu).toBeEnabled());

    await user.selectOptions(menu, "Broken");
    expect(await within(alan).findByRole("alert")).toHaveTextContent(
      "Unknown variable {author} in the saved reply; use one of {name}, {handle}, {network}.",
    );
    await user.selectOptions(menu, "Thanks");
    await waitFor(() => expect(box).toHaveValue("Thanks Alan Turing (alan.bsky.social) for writing on bluesky!"));

    backend.fail.reply_to_inbox_item = { code: "network", field: null, message: "Bluesky answered 502: try again" };
    await user.click(within(alan).getByRole("button", { name: "Send reply" }));
    expect(await within(alan).findByText("Bluesky answered 502: try again")).toBeInTheDocument();
    expect(box).toHaveValue("Thanks Alan Turing (alan.bsky.social) for writing on bluesky!");

    await user.click(within(alan).getByRole("button", { name: "Send reply" }));
    expect(await within(alan).findByTestId("inbox-reply-sent")).toHaveTextContent("Reply sent on Bluesky.");
    expect(backend.argsOf("reply_to_inbox_item").at(-1)).toEqual({
      id: 2,
      text: "Thanks Alan Turing (alan.bsky.social) for writing on bluesky!",
    });
    expect(backend.inbox.replies).toHaveLength(1);
  });

  it("refuses an empty reply without calling the backend", async () => {
    const { user, inbox, backend } = await openInbox();
    const grace = within(inbox).getByTestId("inbox-item-1");
    await user.click(within(grace).getByRole("button", { name: "Reply" }));
    await user.click(await within(grace).findByRole("button", { name: "Send reply" }));
    expect(await within(grace).findByText("Write something to reply with.")).toBeInTheDocument();
    expect(backend.argsOf("reply_to_inbox_item")).toHaveLength(0);
  });

  it("likes, opens the original in the system browser, tags and assigns", async () => {
    const { user, inbox, backend } = await openInbox();
    const alan = within(inbox).getByTestId("inbox-item-2");
    await user.click(within(alan).getByRole("button", { name: "Like" }));
    expect(await within(alan).findByRole("button", { name: "Liked" })).toBeDisabled();
    await user.click(within(alan).getByRole("link", { name: /Open original/ }));
    expect(backend.inbox.opened).toEqual(["https://mastodon.social/@someone/2"]);

    await user.click(alan);
    const tag = await within(alan).findByLabelText("Add a tag");
    await user.click(within(alan).getByRole("button", { name: "Add tag" }));
    expect(await within(alan).findByText("Type a tag first.")).toBeInTheDocument();
    await user.type(tag, "x".repeat(65));
    await user.click(within(alan).getByRole("button", { name: "Add tag" }));
    expect(await within(alan).findByText(/A tag has 1 to 64 characters/)).toBeInTheDocument();
    expect(tag).toHaveValue("x".repeat(65));
    await user.clear(tag);
    await user.type(tag, "billing{Enter}");
    expect(await within(alan).findByRole("button", { name: "Remove tag billing" })).toBeInTheDocument();

    const assignee = within(alan).getByLabelText(/Assigned to/);
    await user.type(assignee, "Margaret{Enter}");
    expect(await within(alan).findByText("Assigned to Margaret")).toBeInTheDocument();
    expect(backend.inbox.items.find((i) => i.id === 2)?.assignee).toBe("Margaret");

    // The tag filter offers the new tag and asks the backend for it.
    await user.selectOptions(within(inbox).getByLabelText("Tag"), "billing");
    await waitFor(() => expect(entries(inbox)).toEqual(["inbox-item-2"]));
    expect(backend.argsOf("list_inbox").at(-1)?.filter).toMatchObject({ tag: "billing" });
  });

  it("filters by channel, type and status and searches through the backend", async () => {
    const { user, inbox, backend } = await openInbox();
    await user.selectOptions(within(inbox).getByLabelText("Status"), "unread");
    await waitFor(() => expect(entries(inbox)).toEqual(["inbox-item-2", "inbox-item-1"]));
    await user.selectOptions(within(inbox).getByLabelText("Channel"), "acme.bsky.social (Bluesky)");
    await waitFor(() => expect(entries(inbox)).toEqual(["inbox-item-2"]));
    expect(backend.argsOf("list_inbox").at(-1)?.filter).toMatchObject({ channelId: 2, status: "unread", kind: null });
    await user.selectOptions(within(inbox).getByLabelText("Type"), "mention");
    expect(await within(inbox).findByText("Nothing matches.")).toBeInTheDocument();
    await user.click(within(inbox).getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(entries(inbox)).toHaveLength(3));

    const search = within(inbox).getByLabelText("Search the inbox");
    await user.type(search, "oat mi{Enter}");
    await waitFor(() => expect(entries(inbox)).toEqual(["inbox-item-3"]));
    expect(backend.argsOf("list_inbox").at(-1)?.filter).toMatchObject({ search: "oat mi" });

    await user.clear(search);
    await user.type(search, "!!!{Enter}");
    expect(await within(inbox).findByText("Nothing matches.")).toBeInTheDocument();

    // A search the backend refuses shows its message at the field; the words stay.
    backend.fail.list_inbox = { code: "validation", field: "search", message: "Type at least one word to search for." };
    await user.type(search, "?{Enter}");
    expect(await within(inbox).findByText("Type at least one word to search for.")).toBeInTheDocument();
    expect(search).toHaveValue("!!!?");
    expect(search).toHaveAttribute("aria-invalid", "true");
  });

  it("pages through a long inbox with Show more", async () => {
    const { inbox, backend } = await openInbox((b) => {
      b.inbox.items = Array.from({ length: 130 }, (_, i) =>
        inboxItem(i + 1, { createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }),
      );
    });
    expect(inbox.querySelectorAll("article")).toHaveLength(100);
    // By text, not role: jsdom's accessible-name computation over 100 items takes seconds.
    fireEvent.click(within(inbox).getByText("Show more"));
    await waitFor(() => expect(inbox.querySelectorAll("article")).toHaveLength(130));
    expect(backend.argsOf("list_inbox").at(-1)?.filter).toMatchObject({ limit: 200 });
    expect(within(inbox).queryByText("Show more")).toBeNull();
  });

  it("a clicked notification brings the inbox up on its item", async () => {
    const { user } = await renderShell(seed);
    expect(screen.getByTestId("inbox")).not.toBeVisible();
    await user.keyboard("?");
    await screen.findByTestId("shortcuts-dialog");
    await act(() => emit(INBOX_FOCUS_EVENT, { itemId: 2 }));
    expect(screen.queryByTestId("shortcuts-dialog")).toBeNull();
    expect(screen.getByTestId("inbox")).toBeVisible();
    await waitFor(() => expect(screen.getByTestId("inbox-item-2")).toHaveFocus());
  });
});

const HOSTILE_HTML = [
  "<p>hello<script>window.__pwned = 1</script></p>",
  '<img src="x" onerror="window.__pwned = 2">',
  '<a href="javascript:window.__pwned = 3">click me</a>',
  '<a href="https://example.org/ok" onclick="window.__pwned = 4" style="color:red">fine link</a>',
  '<svg><script>window.__pwned = 5</script><circle onload="window.__pwned = 6"/></svg>',
  '<iframe src="https://evil.example"></iframe><object data="x"></object>',
  '<p onmouseover="window.__pwned = 7">hover</p><style>body{display:none}</style>',
  '<a href="  JaVaScRiPt:alert(1)">mixed case</a><a href="data:text/html,<script>alert(1)</script>">data</a>',
  "<form action='https://evil.example'><input name=q><button formaction='javascript:alert(1)'>go</button></form>",
].join("");

describe("hostile content", () => {
  it("renders nothing that can run: no script, no on* attributes, no javascript: links, no frames", async () => {
    const huge = "A".repeat(200_000);
    const { user, inbox, backend } = await openInbox((b) => {
      b.inbox.items = [
        inboxItem(1, { html: HOSTILE_HTML, text: "hello click me fine link", authorName: '<img src=x onerror="window.__pwned=8">' }),
        inboxItem(2, { html: `<p>${huge}</p>`, text: huge, conversationKey: "big", createdAt: "2026-12-01T08:00:00Z" }),
        inboxItem(3, {
          html: null,
          text: '<script>window.__pwned = 9</script>',
          images: ["javascript:alert(1)", "http://tracker.example/pixel.gif", "https://files.example/photo.jpg"],
          webUrl: "javascript:alert(1)",
          inReplyToText: "<b onclick=alert(1)>parent</b>",
          conversationKey: "c3",
          createdAt: "2026-12-01T07:00:00Z",
        }),
      ];
    });
    expect(inbox.querySelectorAll("script, iframe, object, embed, style, .inbox-body form, .inbox-body input, .inbox-body button")).toHaveLength(0);
    for (const el of inbox.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        expect(attr.name.startsWith("on"), `${el.tagName} has ${attr.name}`).toBe(false);
        expect(/^\s*(javascript|data|vbscript):/i.test(attr.value), `${el.tagName} ${attr.name}=${attr.value}`).toBe(false);
      }
    }
    // The svg payload is dropped (the app's own icons live outside the message bodies).
    expect(inbox.querySelectorAll(".inbox-body svg, .inbox-body circle")).toHaveLength(0);
    const item1 = within(inbox).getByTestId("inbox-item-1");
    const body1 = item1.querySelector(".inbox-body") as HTMLElement;
    expect(body1.querySelectorAll("img, input, button")).toHaveLength(0);
    const links = Array.from(body1.querySelectorAll("a"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://example.org/ok"]);
    expect(links[0]).not.toHaveAttribute("style");
    expect(within(body1).getByText("click me").tagName).toBe("SPAN");
    // The author's name is text, not markup.
    expect(within(item1).getByText('<img src=x onerror="window.__pwned=8">')).toBeInTheDocument();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();

    // Links open in the system browser, never in the webview.
    await user.click(links[0]);
    expect(backend.inbox.opened).toEqual(["https://example.org/ok"]);
    expect(window.location.href).not.toContain("example.org");

    // Oversized text starts folded.
    const item2 = within(inbox).getByTestId("inbox-item-2");
    expect(item2.querySelector(".inbox-body-folded")).not.toBeNull();
    await user.click(within(item2).getByRole("button", { name: "Show all" }));
    expect(item2.querySelector(".inbox-body-folded")).toBeNull();

    // Plain text stays text; images only over https; a javascript: original is not offered.
    const item3 = within(inbox).getByTestId("inbox-item-3");
    expect(within(item3).getByText("<script>window.__pwned = 9</script>")).toBeInTheDocument();
    expect(Array.from(item3.querySelectorAll(".inbox-images img")).map((i) => i.getAttribute("src"))).toEqual([
      "https://files.example/photo.jpg",
    ]);
    expect(within(item3).getByRole("link", { name: /Image 2 of 3 .* \(open in the browser\)/ })).toHaveAttribute(
      "href",
      "http://tracker.example/pixel.gif",
    );
    expect(within(item3).getByText(/Image 1 of 3 .* cannot be shown/)).toBeInTheDocument();
    expect(within(item3).queryByRole("link", { name: /Open original/ })).toBeNull();
    expect(within(item3).getByText("<b onclick=alert(1)>parent</b>")).toBeInTheDocument();
  });
});

describe("inbox settings", () => {
  it("saves quiet hours and muted channels, with the backend's field errors inline", async () => {
    const { user, backend } = await renderShell(seed);
    await user.click(screen.getByTestId("nav-settings"));
    const section = await screen.findByRole("region", { name: "Inbox notifications" });
    await user.click(await within(section).findByLabelText(/Quiet hours/));
    const from = within(section).getByLabelText("From");
    await user.clear(from);
    await user.type(from, "25:00");
    await user.click(within(section).getByLabelText("Mute acme.bsky.social (Bluesky)"));
    await user.click(within(section).getByRole("button", { name: "Save notifications" }));
    expect(await within(section).findByText('"25:00" is not a time of day such as 22:00.')).toBeInTheDocument();
    expect(from).toHaveValue("25:00");
    expect(from).toHaveAttribute("aria-invalid", "true");

    await user.clear(from);
    await user.type(from, "21:30");
    await user.click(within(section).getByRole("button", { name: "Save notifications" }));
    expect(await within(section).findByText("Saved")).toBeInTheDocument();
    expect(backend.inbox.notifications).toEqual({
      disabled: false,
      quietHours: { start: "21:30", end: "07:00", timezone: "Europe/Berlin" },
      mutedChannels: [2],
    });
  });

  it("adds and deletes saved replies, refusing a duplicate name", async () => {
    const { user, backend } = await renderShell((b) => {
      seed(b);
      b.inbox.savedReplies = [{ id: 50, name: "Thanks", body: "Thanks {name}!" }];
    });
    await user.click(screen.getByTestId("nav-settings"));
    const section = await screen.findByRole("region", { name: "Saved replies" });
    await within(section).findByText("Thanks {name}!");
    await user.type(within(section).getByLabelText("Name"), "Thanks");
    await user.type(within(section).getByLabelText("Text"), "See you soon");
    await user.click(within(section).getByRole("button", { name: "Add saved reply" }));
    expect(await within(section).findByText('There is already a saved reply named "Thanks".')).toBeInTheDocument();
    expect(within(section).getByLabelText("Text")).toHaveValue("See you soon");
    await user.clear(within(section).getByLabelText("Name"));
    await user.type(within(section).getByLabelText("Name"), "Hello");
    await user.click(within(section).getByRole("button", { name: "Add saved reply" }));
    expect(await within(section).findByText("Hello")).toBeInTheDocument();
    expect(backend.inbox.savedReplies.map((r) => r.name).sort()).toEqual(["Hello", "Thanks"]);
    await user.click(within(section).getByRole("button", { name: "Delete saved reply Thanks" }));
    await waitFor(() => expect(within(section).queryByText("Thanks {name}!")).toBeNull());
    expect(backend.inbox.savedReplies.map((r) => r.name)).toEqual(["Hello"]);
  });
});
