import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PostInput } from "../../lib/ipc/client";
import { channel, post, target, type FakeBackend } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";
import { emptyDraft } from "./draft";

const bsky = channel(7, "bluesky", "acme.bsky.social");
const masto = channel(8, "mastodon", "@acme@mastodon.social");

async function openComposer(setup?: (backend: FakeBackend) => void) {
  const result = await renderShell((b) => {
    b.channels = [bsky, masto];
    setup?.(b);
  });
  await result.user.click(screen.getByTestId("nav-posts"));
  const form = await screen.findByTestId("post-form");
  // The restore check is done once autosave can run; nothing restored here means a blank form.
  await waitFor(() => expect(result.backend.argsOf("composer_states")).toHaveLength(1));
  return { ...result, form };
}

function lastInput(backend: FakeBackend, cmd = "create_post"): PostInput {
  const calls = backend.argsOf(cmd);
  return calls[calls.length - 1].input as PostInput;
}

describe("the composer", { timeout: 30_000 }, () => {
  it("sends a channel's own version of the text, previews each, and re-syncs it with the main text", async () => {
    const { backend, user, form } = await openComposer();
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.type(within(form).getByLabelText("Post"), "Open at 7 #bread");
    const previews = within(form).getByTestId("composer-previews");
    expect(within(previews).getByTestId("preview-7")).toHaveTextContent("Open at 7 #bread");
    expect(within(within(previews).getByTestId("preview-8")).getByText("#bread")).toHaveClass("rich-hashtag");

    await user.click(within(form).getByRole("button", { name: "Customize for Bluesky" }));
    const variant = within(form).getByLabelText("Text for acme.bsky.social on Bluesky");
    expect(variant).toHaveValue("Open at 7 #bread");
    await user.clear(variant);
    await user.type(variant, "Open at 7 — see you, Bluesky");
    expect(within(previews).getByTestId("preview-7")).toHaveTextContent("Open at 7 — see you, Bluesky");
    expect(within(previews).getByTestId("preview-8")).toHaveTextContent("Open at 7 #bread");
    expect(within(form).getByTestId("post-variant-7-counts-bluesky")).toHaveTextContent("Bluesky 28/300");

    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastInput(backend)).toMatchObject({
      channelIds: [7, 8],
      text: "Open at 7 #bread",
      variants: [{ channelId: 7, text: "Open at 7 — see you, Bluesky" }],
    });

    // The channel choice stays; the next post starts without versions.
    await user.type(within(form).getByLabelText("Post"), "Next");
    await user.click(within(form).getByRole("button", { name: "Customize for Bluesky" }));
    await user.type(within(form).getByLabelText("Text for acme.bsky.social on Bluesky"), "!");
    await user.type(within(form).getByLabelText("Post"), " one");
    await user.click(within(form).getByRole("button", { name: "Re-sync with the main text" }));
    expect(within(form).getByLabelText("Text for acme.bsky.social on Bluesky")).toHaveValue("Next one");
  });

  it("renders the user's text as text, never as HTML", async () => {
    const { user, form } = await openComposer();
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), '<img src=x onerror="alert(1)"> <b>bold</b>');
    const preview = within(form).getByTestId("preview-7");
    expect(preview.querySelector("img, b")).toBeNull();
    expect(preview).toHaveTextContent('<img src=x onerror="alert(1)"> <b>bold</b>');
  });

  it("says which channel's text is too long before sending, and shows the backend's own refusals inline", async () => {
    const { backend, user, form } = await openComposer();
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    const text = within(form).getByLabelText("Post");
    await user.click(text);
    await user.paste("x".repeat(301));
    expect(within(form).getByTestId("post-text-counts-bluesky")).toHaveClass("counter-over");
    expect(within(form).getByTestId("post-text-counts-mastodon")).not.toHaveClass("counter-over");
    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    expect(document.getElementById("post-text-error")).toHaveTextContent(
      "acme.bsky.social (bluesky): This post is 301 characters; Bluesky allows 300.",
    );
    expect(text).toHaveAttribute("aria-invalid", "true");
    expect(backend.argsOf("create_post")).toEqual([]);

    // A shorter Bluesky version fixes it; the backend then refuses the version itself.
    await user.click(within(form).getByRole("button", { name: "Customize for Bluesky" }));
    const variant = within(form).getByLabelText("Text for acme.bsky.social on Bluesky");
    await user.clear(variant);
    await user.type(variant, "Short");
    backend.fail.create_post = {
      code: "validation",
      field: "variants",
      message: "There is a version of the text for channel 7, which is not chosen.",
    };
    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    expect(await within(form).findByText("There is a version of the text for channel 7, which is not chosen.")).toBeInTheDocument();
    expect(variant).toHaveValue("Short");
    expect(text).toHaveValue("x".repeat(301));
  });

  it("suggests the workspace's hashtags while typing, chosen with the keyboard", async () => {
    const { backend, user, form } = await openComposer((b) => {
      b.posts = [
        post(1, "New #sourdough today", [target(11, bsky, "published")]),
        post(2, "More #sourdough and #sourcream", [target(12, bsky, "published")]),
      ];
    });
    const text = within(form).getByLabelText("Post");
    await user.type(text, "Fresh #sou");
    const list = await within(form).findByRole("listbox", { name: "Suggestions" }, { timeout: 3000 });
    const options = within(list).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["#sourdough2 posts", "#sourcream1 post"]);
    expect(text).toHaveAttribute("aria-expanded", "true");
    expect(text).toHaveAttribute("aria-activedescendant", options[0].id);
    await user.keyboard("{ArrowDown}");
    expect(within(list).getByRole("option", { selected: true })).toHaveTextContent("#sourcream");
    await user.keyboard("{Enter}");
    expect(text).toHaveValue("Fresh #sourcream ");
    expect(within(form).queryByRole("listbox")).not.toBeInTheDocument();
    expect(backend.argsOf("suggest_tags").at(-1)).toEqual({ workspaceId: 1, prefix: "#sou" });
    // Escape closes the list without leaving the field.
    await user.type(text, "#sour");
    await within(form).findByRole("listbox", {}, { timeout: 3000 });
    await user.keyboard("{Escape}");
    expect(within(form).queryByRole("listbox")).not.toBeInTheDocument();
    expect(text).toHaveFocus();
  });

  it("reorders a thread, the second post can become the first, and sends it in that order", async () => {
    const { backend, user, form } = await openComposer();
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "One");
    await user.click(within(form).getByRole("button", { name: "Add to thread" }));
    await user.type(within(form).getByLabelText("Thread post 2"), "Two");
    await user.click(within(form).getByRole("button", { name: "Add to thread" }));
    await user.type(within(form).getByLabelText("Thread post 3"), "Three");
    await user.click(within(form).getByRole("button", { name: "Move thread post 3 up" }));
    await user.click(within(form).getByRole("button", { name: "Make thread post 2 the first post" }));
    expect(within(form).getByLabelText("Post")).toHaveValue("Three");
    expect(within(form).getByLabelText("Thread post 2")).toHaveValue("One");
    expect(within(form).getByLabelText("Thread post 3")).toHaveValue("Two");

    // With a channel's own version of the first post, that swap would leave it behind: refused.
    await user.click(within(form).getByRole("button", { name: "Customize for Bluesky" }));
    expect(within(form).getByRole("button", { name: "Make thread post 2 the first post" })).toBeDisabled();
    await user.click(within(form).getByRole("button", { name: "Re-sync with the main text" }));

    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastInput(backend)).toMatchObject({ text: "Three", thread: ["One", "Two"] });
  });

  it("tags a post with the keyboard, offers the workspace's tags and refuses a repeat", async () => {
    const { backend, user, form } = await openComposer((b) => {
      b.posts = [post(1, "Old news", [target(11, bsky, "published")], { tags: ["Events"] })];
    });
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Open day on Saturday");
    const tags = within(form).getByLabelText("Tags");
    // The workspace's own tags are offered.
    await waitFor(() => expect(form.querySelector(`#${tags.getAttribute("list")} option[value="Events"]`)).not.toBeNull());
    await user.type(tags, "Events{Enter}spring   menu,");
    const chips = within(form).getByRole("list", { name: "Tags of this post" });
    expect(within(chips).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Events", "spring menu"]);
    expect(tags).toHaveValue("");
    await user.type(tags, "EVENTS{Enter}");
    expect(within(form).getByText('The post already has the tag "EVENTS".')).toBeInTheDocument();
    expect(tags).toHaveAttribute("aria-invalid", "true");
    await user.clear(tags);
    await user.click(within(chips).getByRole("button", { name: "Remove the tag spring menu" }));

    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastInput(backend).tags).toEqual(["Events"]);
    expect(backend.posts[0].tags).toEqual(["Events"]);
  });

  it("autosaves what is typed and clears it once the post is saved", async () => {
    const { backend, user, form } = await openComposer();
    await user.type(within(form).getByLabelText("Post"), "Half a thought");
    await waitFor(() => expect(backend.composer.states).toHaveLength(1));
    const saved = backend.composer.states[0];
    expect(saved.slot).toBe("new");
    expect(JSON.parse(saved.state)).toMatchObject({ text: "Half a thought" });
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("radio", { name: "Save as draft" }));
    await user.click(within(form).getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    await waitFor(() => expect(backend.composer.states).toEqual([]));
    expect(backend.argsOf("clear_composer_state")).toContainEqual({ workspaceId: 1, slot: "new" });
  });

  it("restores what was being written, says since when, and can discard it", async () => {
    const saved = {
      ...emptyDraft([8]),
      text: "Before the crash",
      thread: [{ key: 3, text: "and a reply" }],
      when: "at" as const,
      date: "2035-05-01",
      time: "14:02",
      scheduleTouched: true,
    };
    const { backend, user, form } = await openComposer((b) => {
      b.composer.states = [
        { workspaceId: 1, slot: "new", state: JSON.stringify(saved), savedAt: "2035-04-30T12:02:00Z" },
      ];
    });
    const note = await within(form).findByTestId("composer-restored");
    // 12:02 UTC is 14:02 in Berlin's summer time.
    expect(note).toHaveTextContent(/Restored what you were writing at (14:02|02:02 PM)/);
    expect(within(form).getByLabelText("Post")).toHaveValue("Before the crash");
    expect(within(form).getByLabelText("Thread post 2")).toHaveValue("and a reply");
    expect(within(form).getByRole("checkbox", { name: /mastodon/ })).toBeChecked();
    expect(within(form).getByLabelText("Time")).toHaveValue("14:02");

    await user.click(within(note).getByRole("button", { name: "Discard" }));
    expect(within(form).getByLabelText("Post")).toHaveValue("");
    expect(within(form).queryByTestId("composer-restored")).not.toBeInTheDocument();
    await waitFor(() => expect(backend.composer.states).toEqual([]));
  });

  it("adds a post to the channels' queue at their next free slot, editable, then schedules it", async () => {
    const { backend, user, form } = await openComposer((b) => {
      // Monday 1 January 2035, 09:00 in Berlin.
      b.now = () => new Date("2035-01-01T08:00:00Z");
      b.slots = [
        { channelId: 7, weekday: 1, time: "08:30" },
        { channelId: 7, weekday: 1, time: "10:00" },
      ];
    });
    await user.type(within(form).getByLabelText("Post"), "Queued");
    await user.click(within(form).getByRole("button", { name: "Add to queue" }));
    expect(within(form).getByText(/Choose at least one channel, then add the post/)).toBeInTheDocument();

    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("button", { name: "Add to queue" }));
    await waitFor(() => expect(within(form).getByLabelText("Time")).toHaveValue("10:00"));
    expect(backend.argsOf("next_free_slot")).toEqual([{ workspaceId: 1, channelIds: [7] }]);
    expect(within(form).getByLabelText("Date")).toHaveValue("2035-01-01");
    expect(within(form).getByRole("radio", { name: "Schedule" })).toBeChecked();
    expect(form).toHaveTextContent(/next free slot of acme\.bsky\.social/);
    await user.clear(within(form).getByLabelText("Time"));
    await user.type(within(form).getByLabelText("Time"), "10:15");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastInput(backend).when).toEqual({ kind: "at", at: "2035-01-01T10:15:00+01:00" });

    // Mastodon has no slots: the backend says to add some.
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.click(within(form).getByRole("button", { name: "Add to queue" }));
    expect(await within(form).findByText(/no free posting slot in the next eight weeks; add slots/)).toBeInTheDocument();
  });

  it("repeats weekly on chosen days, shows the rule, and creates one post per occurrence", async () => {
    const { backend, user, form } = await openComposer();
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Tuesday and Thursday special");
    await user.click(within(form).getByRole("radio", { name: "Schedule" }));
    await user.clear(within(form).getByLabelText("Date"));
    await user.type(within(form).getByLabelText("Date"), "2035-03-20");
    await user.clear(within(form).getByLabelText("Time"));
    await user.type(within(form).getByLabelText("Time"), "09:00");
    await user.click(within(form).getByRole("checkbox", { name: "Repeat…" }));
    const days = within(form).getByRole("group", { name: "Days of the week" });
    // 20 March 2035 is a Tuesday: it is chosen already.
    expect(within(days).getByRole("checkbox", { name: "Tuesday" })).toBeChecked();
    await user.click(within(days).getByRole("checkbox", { name: "Thursday" }));
    const count = within(form).getByLabelText("How many posts");
    await user.clear(count);
    await user.type(count, "4");
    expect(within(form).getByTestId("repeat-summary")).toHaveTextContent(
      "Every week on Tuesday and Thursday, 4 posts in all, at the same time in Europe/Berlin. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4",
    );
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastInput(backend)).toMatchObject({
      recurrence: "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4",
      when: { kind: "at", at: "2035-03-20T09:00:00+01:00" },
    });
    // 09:00 in Berlin on both sides of the change to summer time (25 March).
    expect(backend.posts.map((p) => p.dueAt).sort()).toEqual([
      "2035-03-20T08:00:00.000Z",
      "2035-03-22T08:00:00.000Z",
      "2035-03-27T07:00:00.000Z",
      "2035-03-29T07:00:00.000Z",
    ]);

    // With no days chosen the rule is incomplete and nothing is sent.
    await user.type(within(form).getByLabelText("Post"), "Again");
    await user.click(within(form).getByRole("radio", { name: "Schedule" }));
    await user.click(within(form).getByRole("checkbox", { name: "Repeat…" }));
    const group = within(form).getByRole("group", { name: "Days of the week" });
    for (const day of within(group).getAllByRole("checkbox", { checked: true })) await user.click(day);
    expect(within(form).getAllByText("Choose at least one day of the week.").length).toBeGreaterThan(0);
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    expect(backend.argsOf("create_post")).toHaveLength(1);
  });

  it("inserts hashtag groups and snippets, saves a template and starts from it", async () => {
    const { backend, user, form } = await openComposer((b) => {
      b.composer.libraries[1] = {
        hashtagGroups: [{ name: "Bakery", tags: ["#bread", "#sourdough"] }],
        snippets: [{ name: "Opening hours", text: "Open 7–14, closed Mondays." }],
        templates: [],
      };
    });
    const text = within(form).getByLabelText("Post");
    await user.type(text, "Fresh loaves");
    await user.click(within(form).getByRole("button", { name: "Hashtags" }));
    await user.click(screen.getByRole("menuitem", { name: /Bakery/ }));
    expect(text).toHaveValue("Fresh loaves #bread #sourdough");
    await user.click(within(form).getByRole("button", { name: "Snippets" }));
    await user.click(screen.getByRole("menuitem", { name: /Opening hours/ }));
    expect(text).toHaveValue("Fresh loaves #bread #sourdough Open 7–14, closed Mondays.");

    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.click(within(form).getByRole("button", { name: "Templates" }));
    await user.click(screen.getByRole("menuitem", { name: "Save this post as a template…" }));
    await user.type(within(form).getByLabelText("Template name"), "Bakery");
    await user.click(within(form).getByRole("button", { name: "Save template" }));
    await waitFor(() => expect(backend.composer.libraries[1].templates).toHaveLength(1));
    expect(backend.composer.libraries[1].templates[0]).toEqual({
      name: "Bakery",
      text: "Fresh loaves #bread #sourdough Open 7–14, closed Mondays.",
      thread: [],
      channelIds: [8],
    });

    await user.clear(text);
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.click(within(form).getByRole("button", { name: "Templates" }));
    await user.click(screen.getByRole("menuitem", { name: /Bakery/ }));
    expect(text).toHaveValue("Fresh loaves #bread #sourdough Open 7–14, closed Mondays.");
    expect(within(form).getByRole("checkbox", { name: /mastodon/ })).toBeChecked();
  });

  it("edits the library and shows its refusals by section", async () => {
    const { backend, user, form } = await openComposer((b) => {
      b.composer.libraries[1] = { hashtagGroups: [{ name: "Bakery", tags: ["#bread"] }], snippets: [], templates: [] };
    });
    await user.click(within(form).getByRole("button", { name: "Hashtags" }));
    await user.click(screen.getByRole("menuitem", { name: "Manage library…" }));
    const dialog = screen.getByRole("dialog", { name: "Writing library" });
    await user.click(within(dialog).getByRole("button", { name: "Add a hashtag group" }));
    await user.type(within(dialog).getByLabelText("Name of hashtag group 2"), "bakery");
    await user.type(within(dialog).getByLabelText("Hashtags of group 2"), "#rye");
    await user.click(within(dialog).getByRole("button", { name: "Save library" }));
    expect(await within(dialog).findByText('There are two hashtag groups called "bakery"; give each its own name.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText("Name of hashtag group 2"));
    await user.type(within(dialog).getByLabelText("Name of hashtag group 2"), "Rye");
    await user.click(within(dialog).getByRole("button", { name: "Add a snippet" }));
    await user.type(within(dialog).getByLabelText("Name of snippet 1"), "Sign-off");
    await user.type(within(dialog).getByLabelText("Text of snippet 1"), "— the bakers");
    await user.click(within(dialog).getByRole("button", { name: "Save library" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Writing library" })).not.toBeInTheDocument());
    expect(backend.composer.libraries[1]).toEqual({
      hashtagGroups: [
        { name: "Bakery", tags: ["#bread"] },
        { name: "Rye", tags: ["#rye"] },
      ],
      snippets: [{ name: "Sign-off", text: "— the bakers" }],
      templates: [],
    });
    await user.click(within(form).getByRole("button", { name: "Snippets" }));
    expect(screen.getByRole("menuitem", { name: /Sign-off/ })).toBeInTheDocument();
  });
});

describe("editing and deleting a post", { timeout: 30_000 }, () => {
  const due = "2035-06-01T07:00:00Z";
  function seed(b: FakeBackend) {
    b.posts = [
      post(5, "Summer menu", [target(51, bsky, "scheduled", { dueAt: due }), target(52, masto, "scheduled", { dueAt: due })], {
        dueAt: due,
        thread: ["Part two"],
        variants: [{ channelId: 7, text: "Summer menu (Bluesky)" }],
        images: [
          { path: "/data/media/ab12.jpg", fileName: "tart.jpg", alt: "A tart", mimeType: "image/jpeg", width: 800, height: 600 },
        ],
        contentWarning: "Food",
        language: "de",
      }),
      post(6, "Gone out", [target(61, bsky, "published", { dueAt: due })], { dueAt: due }),
    ];
  }

  it("opens the composer prefilled from get_post and saves through update_post", async () => {
    const { backend, user } = await openComposer(seed);
    await user.click(await screen.findByRole("button", { name: "Summer menu" }));
    const details = await screen.findByRole("dialog", { name: "Post details" });
    await user.click(await within(details).findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit post" });
    const form = await within(dialog).findByTestId("post-form");
    expect(within(form).getByLabelText("Post")).toHaveValue("Summer menu");
    expect(within(form).getByLabelText("Text for acme.bsky.social on Bluesky")).toHaveValue("Summer menu (Bluesky)");
    expect(within(form).getByLabelText("Thread post 2")).toHaveValue("Part two");
    expect(within(form).getByLabelText("Content warning")).toHaveValue("Food");
    // Named as imported, not by the library's content hash.
    expect(within(form).getByLabelText("Alt text for tart.jpg")).toHaveValue("A tart");
    expect(within(form).getByLabelText("Language")).toHaveValue("de");
    // 07:00 UTC is 09:00 in Berlin's summer.
    expect(within(form).getByLabelText("Time")).toHaveValue("09:00");

    await user.type(within(form).getByLabelText("Post"), ", now with tarts");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(backend.argsOf("update_post")).toHaveLength(1));
    expect(backend.argsOf("update_post")[0]).toEqual({
      postId: 5,
      input: {
        workspaceId: 1,
        channelIds: [7, 8],
        text: "Summer menu, now with tarts",
        thread: ["Part two"],
        images: [{ path: "/data/media/ab12.jpg", alt: "A tart" }],
        variants: [{ channelId: 7, text: "Summer menu (Bluesky)" }],
        recurrence: null,
        when: { kind: "at", at: "2035-06-01T09:00:00+02:00" },
        contentWarning: "Food",
        language: "de",
        deliverOnServer: false,
        tags: [],
      },
    });
    expect(backend.argsOf("create_post")).toEqual([]);
    // Back to the details, which show the new text.
    const back = await screen.findByRole("dialog", { name: "Post details" });
    expect(await within(back).findByText("Summer menu, now with tarts")).toBeInTheDocument();
  });

  it("makes an existing post repeat, and a post of a series only changes itself", async () => {
    const { backend, user } = await openComposer(seed);
    await user.click(await screen.findByRole("button", { name: "Summer menu" }));
    await user.click(await within(await screen.findByRole("dialog", { name: "Post details" })).findByRole("button", { name: "Edit" }));
    let form = await within(await screen.findByRole("dialog", { name: "Edit post" })).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: "Repeat…" }));
    // 1 June 2035 is a Friday: it is chosen already.
    const days = within(form).getByRole("group", { name: "Days of the week" });
    expect(within(days).getByRole("checkbox", { name: "Friday" })).toBeChecked();
    const count = within(form).getByLabelText("How many posts");
    await user.clear(count);
    await user.type(count, "3");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(backend.argsOf("update_post")).toHaveLength(1));
    expect(lastInput(backend, "update_post")).toMatchObject({
      recurrence: "FREQ=WEEKLY;BYDAY=FR;COUNT=3",
      when: { kind: "at", at: "2035-06-01T09:00:00+02:00" },
    });
    const series = backend.posts.filter((p) => p.text === "Summer menu");
    expect(series.map((p) => p.dueAt).sort()).toEqual([
      "2035-06-01T07:00:00.000Z",
      "2035-06-08T07:00:00.000Z",
      "2035-06-15T07:00:00.000Z",
    ]);
    expect(new Set(series.map((p) => p.seriesId)).size).toBe(1);
    expect(series[0].seriesId).not.toBeNull();

    // Editing it again: it is one post of the series, so there is no second Repeat.
    const back = await screen.findByRole("dialog", { name: "Post details" });
    await user.click(await within(back).findByRole("button", { name: "Edit" }));
    form = await within(await screen.findByRole("dialog", { name: "Edit post" })).findByTestId("post-form");
    expect(within(form).getByTestId("series-note")).toHaveTextContent("changes this post only");
    expect(within(form).queryByRole("checkbox", { name: "Repeat…" })).toBeNull();
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(backend.argsOf("update_post")).toHaveLength(2));
    expect(lastInput(backend, "update_post").recurrence).toBeNull();
  });

  it("shows a refusal clearly and keeps everything typed", async () => {
    const { backend, user } = await openComposer(seed);
    await user.click(await screen.findByRole("button", { name: "Summer menu" }));
    await user.click(await within(await screen.findByRole("dialog", { name: "Post details" })).findByRole("button", { name: "Edit" }));
    const form = await within(await screen.findByRole("dialog", { name: "Edit post" })).findByTestId("post-form");
    await user.type(within(form).getByLabelText("Post"), " and more");
    backend.fail.update_post = {
      code: "conflict",
      field: null,
      message: "This post has already gone out on acme.bsky.social (bluesky), so it cannot be edited.",
    };
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(
      await within(form).findByText("This post has already gone out on acme.bsky.social (bluesky), so it cannot be edited."),
    ).toBeInTheDocument();
    expect(within(form).getByLabelText("Post")).toHaveValue("Summer menu and more");
    // The edit is autosaved under the post's own slot.
    await waitFor(() => expect(backend.composer.states.map((s) => s.slot)).toEqual(["post:5"]));
  });

  it("deletes after asking, and cannot edit a post that has gone out", async () => {
    const { backend, user } = await openComposer(seed);
    await user.click(await screen.findByRole("button", { name: "Gone out" }));
    let details = await screen.findByRole("dialog", { name: "Post details" });
    expect(await within(details).findByRole("button", { name: "Edit" })).toBeDisabled();
    await user.click(within(details).getByRole("button", { name: "Close" }));

    await user.click(await screen.findByRole("button", { name: "Summer menu" }));
    details = await screen.findByRole("dialog", { name: "Post details" });
    await user.click(await within(details).findByRole("button", { name: "Delete" }));
    expect(within(details).getByText(/Delete this post from every channel/)).toBeInTheDocument();
    await user.click(within(details).getByRole("button", { name: "Keep it" }));
    expect(backend.argsOf("delete_post")).toEqual([]);
    await user.click(within(details).getByRole("button", { name: "Delete" }));
    await user.click(within(details).getByRole("button", { name: "Delete post" }));
    await waitFor(() => expect(backend.argsOf("delete_post")).toEqual([{ postId: 5 }]));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Post details" })).not.toBeInTheDocument());
    expect(backend.posts.map((p) => p.id)).toEqual([6]);
  });
});
