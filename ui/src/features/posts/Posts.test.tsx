import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PostInput } from "../../lib/ipc/client";
import { attempt, channel, post, target, type FakeBackend } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";

const bsky = channel(7, "bluesky", "acme.bsky.social");
const masto = channel(8, "mastodon", "@acme@mastodon.social");

async function openPosts(setup?: (backend: FakeBackend) => void) {
  const result = await renderShell((b) => {
    b.channels = [bsky, masto];
    setup?.(b);
  });
  await result.user.click(screen.getByTestId("nav-posts"));
  const page = screen.getByTestId("posts");
  expect(page).toBeVisible();
  return { ...result, page };
}

async function schedule(user: UserEvent, form: HTMLElement, date: string, time: string) {
  await user.click(within(form).getByRole("radio", { name: "Schedule" }));
  const dateInput = within(form).getByLabelText("Date");
  const timeInput = within(form).getByLabelText("Time");
  await user.clear(dateInput);
  await user.type(dateInput, date);
  await user.clear(timeInput);
  await user.type(timeInput, time);
}

function lastPostInput(backend: FakeBackend): PostInput {
  const calls = backend.argsOf("create_post");
  return calls[calls.length - 1].input as PostInput;
}

describe("posts", () => {
  it("without channels, says where to connect one and opens the connect dialog", async () => {
    const { user, page } = await openPosts((b) => {
      b.channels = [];
    });
    const empty = await within(page).findByTestId("posts-no-channels");
    expect(empty).toHaveTextContent("No channels yet — connect one in Settings → Channels");
    expect(within(page).queryByTestId("post-form")).not.toBeInTheDocument();
    expect(await within(page).findByTestId("posts-empty")).toHaveTextContent("No posts yet");
    await user.click(within(empty).getByRole("button", { name: "Connect a channel" }));
    expect(screen.getByRole("dialog", { name: "Connect a channel" })).toBeInTheDocument();
  });

  it("offers to retry when the channels cannot be loaded", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.fail.list_channels = { code: "storage", message: "database is locked", field: null };
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
    await user.click(within(page).getByRole("button", { name: "Try again" }));
    expect(await within(page).findByTestId("post-form")).toBeInTheDocument();
    expect(backend.argsOf("list_channels")).toHaveLength(2);
  });

  it("with channels but no posts, points at the form", async () => {
    const { page } = await openPosts();
    expect(await within(page).findByTestId("posts-empty")).toHaveTextContent(
      "Write one above. Drafts, scheduled posts and everything Chorus publishes show up here.",
    );
  });

  it("publishes now to the chosen channels and lists the post", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.type(within(form).getByLabelText("Post"), "Fresh beans are in.");
    await user.click(within(form).getByRole("checkbox", { name: /acme\.bsky\.social/ }));
    await user.click(within(form).getByRole("button", { name: "Publish now" }));

    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend)).toEqual({
      workspaceId: 1,
      channelIds: [7],
      text: "Fresh beans are in.",
      thread: [],
      images: [],
      when: { kind: "now" },
      contentWarning: null,
      language: null,
      deliverOnServer: false,
      variants: [],
      recurrence: null,
      tags: [],
    });
    const list = await within(page).findByTestId("post-list");
    expect(list).toHaveTextContent("Fresh beans are in.");
    expect(within(form).getByLabelText("Post")).toHaveValue("");
    // The channel choice is kept for the next post.
    expect(within(form).getByRole("checkbox", { name: /acme\.bsky\.social/ })).toBeChecked();
  });

  it("counts each chosen network's length as that network counts it", async () => {
    const { user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.type(within(form).getByLabelText("Post"), "Hi 👋🏽 https://example.com/a/long/path");
    // No channel chosen: nothing to count against.
    expect(within(form).queryByTestId("post-text-counts")).not.toBeInTheDocument();
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    // Mastodon: 5 characters and a link that counts 23.
    expect(within(form).getByTestId("post-text-counts-mastodon")).toHaveTextContent("Mastodon 28/500");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    // Bluesky: every grapheme of the link too; the emoji with its skin tone is one.
    expect(within(form).getByTestId("post-text-counts-bluesky")).toHaveTextContent("Bluesky 36/300");
    expect(within(form).getByTestId("post-text-counts-mastodon")).toHaveTextContent("Mastodon 28/500");
  });

  it("asks for a channel and for text before sending anything", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    expect(within(form).getByText("Choose at least one channel.")).toBeInTheDocument();
    expect(within(form).getByText("Write something or add an image.")).toBeInTheDocument();
    expect(backend.argsOf("create_post")).toEqual([]);
  });

  it("schedules in America/St_Johns on both sides of its DST change", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.workspaces[0].timezone = "America/St_Johns";
    });
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Before");
    // Newfoundland Standard Time, UTC−3:30.
    await schedule(user, form, "2035-03-10", "09:00");
    expect(within(form).getByTestId("post-at-hint")).toHaveAttribute("title", "2035-03-10 12:30 UTC");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    let when = lastPostInput(backend).when;
    expect(when).toEqual({ kind: "at", at: "2035-03-10T09:00:00-03:30" });
    expect(when.kind === "at" && new Date(when.at).toISOString()).toBe("2035-03-10T12:30:00.000Z");

    // After 11 March: Newfoundland Daylight Time, UTC−2:30.
    await user.type(within(form).getByLabelText("Post"), "After");
    await schedule(user, form, "2035-03-12", "09:00");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(2));
    when = lastPostInput(backend).when;
    expect(when).toEqual({ kind: "at", at: "2035-03-12T09:00:00-02:30" });
    expect(when.kind === "at" && new Date(when.at).toISOString()).toBe("2035-03-12T11:30:00.000Z");
  });

  it("schedules in Europe/Berlin across the spring change", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Saturday");
    await schedule(user, form, "2035-03-24", "09:30");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend).when).toEqual({ kind: "at", at: "2035-03-24T09:30:00+01:00" });

    await user.type(within(form).getByLabelText("Post"), "Monday");
    await schedule(user, form, "2035-03-26", "09:30");
    expect(within(form).getByTestId("post-at-hint")).toHaveAttribute("title", "2035-03-26 07:30 UTC");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(2));
    expect(lastPostInput(backend).when).toEqual({ kind: "at", at: "2035-03-26T09:30:00+02:00" });
    // The list shows the due time in the workspace's zone.
    const list = await within(page).findByTestId("post-list");
    expect(await within(list).findByText(/26 Mar 2035,? 09:30|Mar 26, 2035,? 09:30/)).toBeInTheDocument();
    expect(within(form).getByRole("status")).toHaveTextContent(/Scheduled for .*26 Mar 2035,? 09:30|Scheduled for .*Mar 26, 2035,? 09:30/);
  });

  it("refuses a time that does not exist in the DST gap", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Gap");
    await schedule(user, form, "2035-03-25", "02:30");
    const message = within(form).getByText(/02:30 doesn't exist on .* in Europe\/Berlin/);
    expect(message).toHaveTextContent("the clocks jump from 02:00 to 03:00");
    expect(within(form).getByLabelText("Time")).toHaveAttribute("aria-invalid", "true");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    expect(backend.argsOf("create_post")).toEqual([]);
    expect(within(form).getByLabelText("Date")).toHaveFocus();
  });

  it("takes the first of a repeated autumn hour and says so", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.type(within(form).getByLabelText("Post"), "Overlap");
    await schedule(user, form, "2035-10-28", "02:30");
    expect(within(form).getByTestId("post-at-hint")).toHaveTextContent("happens twice");
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend).when).toEqual({ kind: "at", at: "2035-10-28T02:30:00+02:00" });
  });

  it("can hand a scheduled Mastodon post to the server, but not a thread", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.type(within(form).getByLabelText("Post"), "Server side");
    await schedule(user, form, "2035-03-24", "09:30");
    expect(within(form).queryByLabelText(/Let Mastodon publish it/)).not.toBeInTheDocument();
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    const handOff = within(form).getByRole("checkbox", { name: /Let Mastodon publish it/ });
    await user.click(handOff);
    await user.click(within(form).getByRole("button", { name: "Add to thread" }));
    expect(handOff).toBeDisabled();
    expect(handOff).not.toBeChecked();
    await user.click(within(form).getByRole("button", { name: "Remove thread post 2" }));
    expect(handOff).toBeChecked();
    await user.click(within(form).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend)).toMatchObject({ deliverOnServer: true, thread: [] });
    const row = await within(page).findByTestId(/^post-1\d\d$/);
    expect(row).toHaveTextContent("On server");
  });

  it("shows each line of a validation error under the text and keeps the draft", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.fail.create_post = {
        code: "validation",
        field: "text",
        message:
          "acme.bsky.social (bluesky): This post is 312 characters; Bluesky allows 300.\n@acme@mastodon.social (mastodon): This post has 5 images; Mastodon allows 4.",
      };
    });
    const form = await within(page).findByTestId("post-form");
    const text = within(form).getByLabelText("Post");
    await user.type(text, "A long announcement");
    await user.click(within(form).getByRole("button", { name: "Add to thread" }));
    await user.type(within(form).getByLabelText("Thread post 2"), "And more");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.click(within(form).getByRole("button", { name: "Publish now" }));

    const first = await within(form).findByText(
      "acme.bsky.social (bluesky): This post is 312 characters; Bluesky allows 300.",
    );
    const second = within(form).getByText("@acme@mastodon.social (mastodon): This post has 5 images; Mastodon allows 4.");
    expect(first).not.toBe(second);
    const error = document.getElementById("post-text-error");
    expect(error).toContainElement(first);
    expect(error).toContainElement(second);
    expect(text).toHaveAttribute("aria-invalid", "true");
    expect(text).toHaveValue("A long announcement");
    expect(within(form).getByLabelText("Thread post 2")).toHaveValue("And more");
    expect(within(form).getByRole("checkbox", { name: /bsky/ })).toBeChecked();
    expect(backend.argsOf("create_post")).toHaveLength(1);
    expect(lastPostInput(backend).thread).toEqual(["And more"]);
  });

  it("adds images from disk with alt text, warning when alt text is empty", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.pickedFiles = ["/home/ada/Pictures/latte-art.jpg", "/home/ada/Pictures/beans.png"];
    });
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /bsky/ }));
    await user.click(within(form).getByRole("button", { name: "Add images" }));
    expect(backend.argsOf("plugin:dialog|open")).toEqual([
      {
        options: expect.objectContaining({
          multiple: true,
          filters: [{ name: "Images", extensions: ["jpg", "jpeg", "png", "webp", "gif"] }],
        }),
      },
    ]);
    expect(await within(form).findByText("latte-art.jpg")).toBeInTheDocument();
    expect(within(form).getAllByText(/No alt text/)).toHaveLength(2);
    await user.type(within(form).getByLabelText("Alt text for latte-art.jpg"), "A rosetta in a white cup");
    expect(within(form).getAllByText(/No alt text/)).toHaveLength(1);
    await user.click(within(form).getByRole("button", { name: "Remove beans.png" }));
    expect(within(form).queryByText("beans.png")).not.toBeInTheDocument();

    // Images alone are a post; empty alt text is allowed.
    await user.click(within(form).getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend).images).toEqual([
      { path: "/home/ada/Pictures/latte-art.jpg", alt: "A rosetta in a white cup" },
    ]);
  });

  it("sends a content warning and saves drafts", async () => {
    const { backend, user, page } = await openPosts();
    const form = await within(page).findByTestId("post-form");
    await user.click(within(form).getByRole("checkbox", { name: /mastodon/ }));
    await user.type(within(form).getByLabelText("Post"), "Season finale thoughts");
    await user.click(within(form).getByRole("button", { name: "Content warning" }));
    await user.type(within(form).getByLabelText("Content warning"), "Spoilers");
    await user.click(within(form).getByRole("radio", { name: "Save as draft" }));
    await user.click(within(form).getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(backend.argsOf("create_post")).toHaveLength(1));
    expect(lastPostInput(backend)).toMatchObject({ contentWarning: "Spoilers", when: { kind: "draft" } });
    expect(await within(form).findByText("Draft saved")).toBeInTheDocument();
    expect(await within(page).findByText("Not scheduled")).toBeInTheDocument();
  });

  it("shows channels needing attention as disabled chips with the reason", async () => {
    const { user, page } = await openPosts((b) => {
      b.channels = [
        bsky,
        channel(9, "mastodon", "@old@mastodon.social", { status: "needs_attention", statusReason: "Token revoked" }),
      ];
    });
    const form = await within(page).findByTestId("post-form");
    const chip = within(form).getByRole("checkbox", { name: /@old@mastodon\.social/ });
    expect(chip).toBeDisabled();
    expect(form).toHaveTextContent("@old@mastodon.social needs reconnecting: Token revoked");
    await user.click(within(form).getByRole("button", { name: "Reconnect" }));
    expect(screen.getByRole("dialog", { name: "Reconnect @old@mastodon.social" })).toBeInTheDocument();
  });

  it("shows every target's state, errors, links and a Retry for failed ones", async () => {
    const due = "2035-01-15T09:00:00Z";
    const { backend, user, page } = await openPosts((b) => {
      b.posts = [
        post(1, "Grand opening!\nSee you there", [
          target(11, bsky, "published", {
            dueAt: due,
            publishedAt: due,
            remoteUrl: "https://bsky.app/profile/acme.bsky.social/post/3k",
          }),
          target(12, masto, "failed", { dueAt: due, lastError: "Mastodon said 422: Validation failed: Text character limit of 500 exceeded" }),
          target(13, channel(10, "nostr", "npub1acme"), "unconfirmed", { dueAt: due, lastError: "The relay did not answer within 30 s." }),
        ], { dueAt: due, thread: ["Part two"] }),
        post(2, "Missed one", [target(21, bsky, "missed", { dueAt: "2035-01-14T09:00:00Z" })], { dueAt: "2035-01-14T09:00:00Z" }),
      ];
    });
    const row = await within(page).findByTestId("post-1");
    expect(row).toHaveTextContent("Grand opening!");
    expect(row).not.toHaveTextContent("See you there");
    expect(row).toHaveTextContent("Thread of 2 posts");
    expect(row).toHaveTextContent(/15 Jan 2035,? 10:00|Jan 15, 2035,? 10:00/);
    expect(row).toHaveClass("post-row-problem");

    const published = within(row).getByTestId("target-11");
    expect(within(published).getByText("Published")).toHaveClass("status-published");
    const link = within(published).getByRole("link", { name: /View on Bluesky/ });
    expect(link).toHaveAttribute("href", "https://bsky.app/profile/acme.bsky.social/post/3k");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noreferrer");
    expect(within(published).queryByRole("button", { name: /Retry/ })).not.toBeInTheDocument();

    const unconfirmed = within(row).getByTestId("target-13");
    expect(within(unconfirmed).getByText("Unconfirmed")).toHaveClass("status-unconfirmed");
    expect(unconfirmed).toHaveTextContent("The relay did not answer within 30 s.");
    expect(unconfirmed).toHaveTextContent(
      "Chorus can't tell whether this went out; Retry publishes it with the same idempotency key, which the network uses to avoid a duplicate.",
    );

    const missed = within(await within(page).findByTestId("post-2")).getByTestId("target-21");
    expect(within(missed).getByText("Missed")).toHaveClass("status-missed");
    expect(missed).toHaveTextContent("while Chorus was closed, asleep or paused");
    expect(within(missed).getByRole("button", { name: /Retry/ })).toBeInTheDocument();

    const failed = within(row).getByTestId("target-12");
    expect(within(failed).getByText("Failed")).toHaveClass("status-failed");
    expect(within(failed).getByTestId("target-12-problem")).toHaveTextContent(
      "Mastodon said 422: Validation failed: Text character limit of 500 exceeded",
    );
    await user.click(within(failed).getByRole("button", { name: "Retry @acme@mastodon.social" }));
    expect(backend.argsOf("retry_target")).toEqual([{ targetId: 12 }]);
    await waitFor(() => expect(within(row).getByTestId("target-12")).toHaveTextContent("Scheduled"));
    expect(within(row).getByTestId("target-12")).not.toHaveTextContent("Validation failed");
    // Nothing opened the details: the Retry click stays on the row.
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("filters the list to posts that need attention", async () => {
    const { user, page } = await openPosts((b) => {
      b.posts = [
        post(1, "Fine", [target(11, bsky, "published")]),
        post(2, "Broken", [target(21, bsky, "failed", { lastError: "Nope" })]),
      ];
    });
    await within(page).findByTestId("post-list");
    await user.click(within(page).getByRole("radio", { name: /Needs attention/ }));
    const list = within(page).getByTestId("post-list");
    expect(list).toHaveTextContent("Broken");
    expect(list).not.toHaveTextContent("Fine");
  });

  it("refreshes the list on a publish event, without polling", async () => {
    const { backend, page } = await openPosts((b) => {
      b.posts = [post(1, "Going out soon", [target(11, bsky, "scheduled", { dueAt: "2035-01-15T09:00:00Z" })])];
    });
    const row = await within(page).findByTestId("post-1");
    expect(row).toHaveTextContent("Scheduled");
    const loads = backend.argsOf("list_posts").length;

    // Time passes; nothing is fetched.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend.argsOf("list_posts")).toHaveLength(loads);

    backend.posts[0].targets = [
      target(11, bsky, "failed", { dueAt: "2035-01-15T09:00:00Z", lastError: "Bluesky is down (503)" }),
    ];
    await act(() =>
      emit("chorus://publish", {
        type: "failed",
        postId: 1,
        targetId: 11,
        channel: "acme.bsky.social",
        reason: "Bluesky is down (503)",
      }),
    );
    await waitFor(() => expect(within(page).getByTestId("post-1")).toHaveTextContent("Failed"));
    expect(within(page).getByTestId("post-1")).toHaveTextContent("Bluesky is down (503)");
    expect(backend.argsOf("list_posts")).toHaveLength(loads + 1);

    // The in-app echo of the OS notification, with a way to the post.
    const toast = screen.getByTestId("toast");
    expect(toast).toHaveTextContent("Couldn't publish to acme.bsky.social");
    expect(toast).toHaveTextContent("Bluesky is down (503)");
  });

  it("toasts missed and unconfirmed posts and opens the post from the toast", async () => {
    const { user } = await openPosts((b) => {
      b.posts = [post(1, "Hello", [target(11, bsky, "missed", { dueAt: "2035-01-15T09:00:00Z" })])];
    });
    await act(() =>
      emit("chorus://publish", {
        type: "missed",
        postId: 1,
        targetId: 11,
        channel: "acme.bsky.social",
        dueAt: "2035-01-15T09:00:00Z",
      }),
    );
    await act(() =>
      emit("chorus://publish", {
        type: "unconfirmed",
        postId: 1,
        targetId: 11,
        channel: "acme.bsky.social",
        reason: "Timed out",
      }),
    );
    const toasts = await screen.findAllByTestId("toast");
    expect(toasts[0]).toHaveTextContent("Missed on acme.bsky.social");
    expect(toasts[0]).toHaveTextContent(/15 Jan 2035,? 10:00|Jan 15, 2035,? 10:00/);
    expect(toasts[1]).toHaveTextContent("Not sure it went out on acme.bsky.social");
    await user.click(within(toasts[1]).getByRole("button", { name: "View post" }));
    expect(await screen.findByRole("dialog", { name: "Post details" })).toBeInTheDocument();
  });

  it("tags a published post from its details, and puts the tags back when refused", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.posts = [post(1, "Grand opening!", [target(12, masto, "published")], { dueAt: "2035-01-15T09:00:00Z" })];
    });
    await user.click(await within(page).findByText("Grand opening!"));
    const dialog = await screen.findByRole("dialog", { name: "Post details" });
    const tags = await within(dialog).findByLabelText("Tags");
    await user.type(tags, "Opening{Enter}");
    await waitFor(() => expect(backend.argsOf("set_post_tags")).toEqual([{ postId: 1, tags: ["Opening"] }]));
    expect(backend.posts[0].tags).toEqual(["Opening"]);

    backend.fail.set_post_tags = { code: "storage", message: "database is locked", field: null };
    await user.type(tags, "Events{Enter}");
    expect(await within(dialog).findByText("database is locked")).toBeInTheDocument();
    const chips = within(dialog).getByRole("list", { name: "Tags of this post" });
    expect(within(chips).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Opening"]);
  });

  it("opens a post's details with its thread, targets and activity log", async () => {
    const { backend, user, page } = await openPosts((b) => {
      b.posts = [
        post(
          1,
          "Grand opening!",
          [target(12, masto, "failed", { lastError: "Mastodon said 401: The access token was revoked" })],
          {
            dueAt: "2035-01-15T09:00:00Z",
            thread: ["Doors open at 9.", "Free coffee all day."],
            activity: [
              attempt(12, "@acme@mastodon.social (mastodon)", {
                startedAt: "2035-01-15T09:00:01Z",
                outcome: "failed",
                errorCode: "network",
                message: "Mastodon is unreachable (timed out)",
              }),
              attempt(12, "@acme@mastodon.social (mastodon)", {
                startedAt: "2035-01-15T09:02:01Z",
                outcome: "failed",
                errorCode: "auth",
                message: "Mastodon said 401: The access token was revoked",
              }),
            ],
          },
        ),
      ];
    });
    await user.click(await within(page).findByText("Grand opening!"));
    const dialog = await screen.findByRole("dialog", { name: "Post details" });
    expect(backend.argsOf("get_post")).toEqual([{ postId: 1 }]);
    expect(await within(dialog).findByText("Thread · 3 posts")).toBeInTheDocument();
    expect(dialog).toHaveTextContent("Doors open at 9.");
    expect(dialog).toHaveTextContent("Free coffee all day.");
    expect(within(dialog).getByTestId("target-12")).toHaveTextContent("The access token was revoked");

    const rows = within(within(dialog).getByTestId("activity-log")).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(/10:00:01/);
    expect(rows[1]).toHaveTextContent("Failed");
    expect(rows[1]).toHaveTextContent("network");
    expect(rows[1]).toHaveTextContent("Mastodon is unreachable (timed out)");
    expect(rows[2]).toHaveTextContent(/10:02:01/);
    expect(rows[2]).toHaveTextContent("auth");

    await user.click(within(dialog).getByRole("button", { name: /Retry/ }));
    expect(backend.argsOf("retry_target")).toEqual([{ targetId: 12 }]);
    await waitFor(() => expect(within(dialog).getByTestId("target-12")).toHaveTextContent("Scheduled"));

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
