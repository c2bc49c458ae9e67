import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channel } from "../../test/fakeBackend";
import { renderShell } from "../../test/renderShell";
import type { FakeBackend } from "../../test/fakeBackend";

async function openChannels(setup?: (backend: FakeBackend) => void) {
  const result = await renderShell(setup);
  await result.user.click(screen.getByTestId("nav-settings"));
  const section = screen.getByTestId("channels-settings");
  return { ...result, section };
}

function connectDialog() {
  return screen.getByRole("dialog", { name: /Connect a channel|Reconnect/ });
}

describe("channels", () => {
  it("says there are none and offers to connect one", async () => {
    const { section } = await openChannels();
    const empty = await within(section).findByTestId("channels-empty");
    expect(empty).toHaveTextContent("No channels yet");
    expect(within(empty).getByRole("button", { name: "Connect a channel" })).toBeInTheDocument();
  });

  it("connects Bluesky with the right input and lists the channel", async () => {
    const { backend, user, section } = await openChannels();
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    expect(within(dialog).getByRole("radio", { name: /Bluesky/ })).toBeChecked();
    expect(within(dialog).getByLabelText("Server")).toHaveValue("https://bsky.social");
    expect(within(dialog).getByLabelText("App password")).toHaveAttribute("type", "password");
    expect(dialog).toHaveTextContent("App passwords");

    await user.type(within(dialog).getByLabelText("Handle"), "@acme.bsky.social");
    await user.type(within(dialog).getByLabelText("App password"), "abcd-efgh-ijkl-mnop");
    await user.click(within(dialog).getByRole("button", { name: "Connect Bluesky" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("connect_channel")).toEqual([
      {
        input: {
          workspaceId: 1,
          channelId: null,
          network: "bluesky",
          answers: {
            method: "app_password",
            values: {
              serviceUrl: "https://bsky.social",
              identifier: "@acme.bsky.social",
              appPassword: "abcd-efgh-ijkl-mnop",
            },
          },
        },
      },
    ]);
    const row = within(section).getByRole("listitem", { name: /acme\.bsky\.social on Bluesky/ });
    expect(row).toHaveTextContent("bsky.social");
    expect(row).toHaveTextContent("Active");
    expect(screen.getByTestId("toast")).toHaveTextContent("Connected acme.bsky.social");
  });

  it("checks required fields before asking the network", async () => {
    const { backend, user, section } = await openChannels();
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.click(within(dialog).getByRole("button", { name: "Connect Bluesky" }));
    expect(within(dialog).getByText("Enter your handle, e.g. alice.bsky.social.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Handle")).toHaveFocus();
    expect(backend.argsOf("connect_channel")).toEqual([]);
  });

  it("shows the network's refusal inline and keeps what was typed", async () => {
    const { backend, user, section } = await openChannels((b) => {
      b.fail.connect_channel = {
        code: "network",
        message: "Invalid identifier or password",
        field: null,
      };
    });
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.type(within(dialog).getByLabelText("Handle"), "acme.bsky.social");
    await user.type(within(dialog).getByLabelText("App password"), "wrong-pass-word-here");
    await user.click(within(dialog).getByRole("button", { name: "Connect Bluesky" }));

    const problem = await within(dialog).findByTestId("connect-error");
    expect(problem).toHaveTextContent("Bluesky didn't accept this");
    expect(problem).toHaveTextContent("Invalid identifier or password");
    expect(within(dialog).getByLabelText("Handle")).toHaveValue("acme.bsky.social");
    expect(within(dialog).getByLabelText("App password")).toHaveValue("wrong-pass-word-here");
    expect(screen.queryByTestId("error-banner")).not.toBeInTheDocument();
    expect(backend.channels).toEqual([]);
  });

  it("shows a validation error at the field it names", async () => {
    const { user, section } = await openChannels((b) => {
      b.fail.connect_channel = {
        code: "validation",
        message: "“bsky” is not a web address.",
        field: "serviceUrl",
      };
    });
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    const server = within(dialog).getByLabelText("Server");
    await user.clear(server);
    await user.type(server, "https://bsky");
    await user.type(within(dialog).getByLabelText("Handle"), "acme.bsky.social");
    await user.type(within(dialog).getByLabelText("App password"), "abcd-efgh-ijkl-mnop");
    await user.click(within(dialog).getByRole("button", { name: "Connect Bluesky" }));
    expect(await within(dialog).findByText("“bsky” is not a web address.")).toBeInTheDocument();
    expect(server).toHaveAttribute("aria-invalid", "true");
    expect(server).toHaveFocus();
  });

  it("shows a keychain failure as a banner inside the dialog", async () => {
    const { user, section } = await openChannels((b) => {
      b.fail.connect_channel = {
        code: "secrets",
        message: "No secret service is running (is gnome-keyring installed?)",
        field: null,
      };
    });
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.type(within(dialog).getByLabelText("Handle"), "acme.bsky.social");
    await user.type(within(dialog).getByLabelText("App password"), "abcd-efgh-ijkl-mnop");
    await user.click(within(dialog).getByRole("button", { name: "Connect Bluesky" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The system keychain is unavailable");
    expect(alert).toHaveTextContent("No secret service is running");
    expect(within(dialog).getByLabelText("Handle")).toHaveValue("acme.bsky.social");
  });

  it("highlights a channel that needs attention and reconnects it prefilled", async () => {
    const broken = channel(7, "bluesky", "acme.bsky.social", {
      status: "needs_attention",
      statusReason: "The app password was revoked.",
      config: { network: "bluesky", serviceUrl: "https://pds.acme.example", identifier: "acme.bsky.social" },
    });
    const { backend, user, section } = await openChannels((b) => {
      b.channels = [broken, channel(8, "mastodon", "@acme@mastodon.social")];
    });
    const row = await within(section).findByTestId("channel-7");
    expect(row).toHaveClass("channel-row-attention");
    expect(row).toHaveTextContent("Needs attention");
    expect(row).toHaveTextContent("The app password was revoked.");
    expect(within(section).getByTestId("channel-8")).not.toHaveTextContent("Reconnect");

    await user.click(within(row).getByRole("button", { name: "Reconnect" }));
    const dialog = screen.getByRole("dialog", { name: "Reconnect acme.bsky.social" });
    expect(within(dialog).queryByRole("radio", { name: /Mastodon/ })).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText("Server")).toHaveValue("https://pds.acme.example");
    expect(within(dialog).getByLabelText("Handle")).toHaveValue("acme.bsky.social");
    const password = within(dialog).getByLabelText("App password");
    expect(password).toHaveValue("");
    expect(password).toHaveFocus();

    await user.type(password, "new1-new2-new3-new4");
    await user.click(within(dialog).getByRole("button", { name: "Reconnect" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("connect_channel")).toEqual([
      {
        input: {
          workspaceId: 1,
          channelId: 7,
          network: "bluesky",
          answers: {
            method: "app_password",
            values: {
              serviceUrl: "https://pds.acme.example",
              identifier: "acme.bsky.social",
              appPassword: "new1-new2-new3-new4",
            },
          },
        },
      },
    ]);
    expect(within(section).getByTestId("channel-7")).toHaveTextContent("Active");
    expect(within(section).getByTestId("channel-7")).not.toHaveClass("channel-row-attention");
  });

  it("reloads the list when the engine reports a channel needing attention", async () => {
    const { backend, section } = await openChannels((b) => {
      b.channels = [channel(7, "bluesky", "acme.bsky.social")];
    });
    expect(await within(section).findByTestId("channel-7")).toHaveTextContent("Active");
    backend.channels = [
      channel(7, "bluesky", "acme.bsky.social", { status: "needs_attention", statusReason: "Token expired" }),
    ];
    await act(() =>
      emit("chorus://publish", {
        type: "channelNeedsAttention",
        channelId: 7,
        channel: "acme.bsky.social",
        reason: "Token expired",
      }),
    );
    await waitFor(() => expect(within(section).getByTestId("channel-7")).toHaveTextContent("Needs attention"));
    expect(screen.getByTestId("toast")).toHaveTextContent("acme.bsky.social needs to be reconnected");
  });

  it("signs in to Mastodon in the browser, waits, and can stop waiting", async () => {
    const { backend, user, section } = await openChannels();
    const gate = backend.hold("connect_channel");
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    let dialog = connectDialog();
    await user.click(within(dialog).getByRole("radio", { name: /Mastodon/ }));
    await user.type(within(dialog).getByLabelText("Server"), "mastodon.social/");
    await user.click(within(dialog).getByRole("button", { name: "Sign in with browser" }));

    const waiting = await within(dialog).findByTestId("oauth-waiting");
    expect(waiting).toHaveTextContent("Waiting for you to approve Chorus");
    expect(waiting).toHaveTextContent("mastodon.social");
    expect(backend.argsOf("connect_channel")).toEqual([
      {
        input: {
          workspaceId: 1,
          channelId: null,
          network: "mastodon",
          answers: { method: "browser", values: { instanceUrl: "mastodon.social/" } },
        },
      },
    ]);
    const cancel = within(waiting).getByRole("button", { name: "Cancel" });
    expect(cancel).toHaveFocus();
    await user.click(cancel);

    dialog = connectDialog();
    expect(within(dialog).queryByTestId("oauth-waiting")).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText("Server")).toHaveValue("mastodon.social/");
    // The late answer does not close or change the form.
    gate.release();
    await waitFor(() => expect(within(section).getByTestId(/^channel-/)).toBeInTheDocument());
    expect(connectDialog()).toBeInTheDocument();
  });

  it("connects Mastodon with a pasted access token", async () => {
    const { backend, user, section } = await openChannels();
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.click(within(dialog).getByRole("radio", { name: /Mastodon/ }));
    await user.click(within(dialog).getByRole("radio", { name: /Paste an access token/ }));
    await user.type(within(dialog).getByLabelText("Server"), "https://fosstodon.org");
    await user.type(within(dialog).getByLabelText("Access token"), "tok_123");
    await user.click(within(dialog).getByRole("button", { name: "Connect with token" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("connect_channel")).toEqual([
      {
        input: {
          workspaceId: 1,
          channelId: null,
          network: "mastodon",
          answers: { method: "token", values: { instanceUrl: "https://fosstodon.org", accessToken: "tok_123" } },
        },
      },
    ]);
  });

  it("generates a Nostr key, requiring at least one relay", async () => {
    const { backend, user, section } = await openChannels();
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.click(within(dialog).getByRole("radio", { name: /Nostr/ }));
    await user.click(within(dialog).getByRole("radio", { name: /Generate a new key/ }));
    expect(within(dialog).queryByLabelText("Secret key")).not.toBeInTheDocument();
    const relays = within(dialog).getByLabelText("Relays");
    expect(relays).toHaveValue("");
    await user.click(within(dialog).getByRole("button", { name: "Generate key and connect" }));
    expect(within(dialog).getByText(/Add at least one relay/)).toBeInTheDocument();
    expect(backend.argsOf("connect_channel")).toEqual([]);

    await user.type(relays, "wss://relay.one{Enter}{Enter}  wss://relay.two  {Enter}wss://relay.one");
    await user.click(within(dialog).getByRole("button", { name: "Generate key and connect" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("connect_channel")).toEqual([
      {
        input: {
          workspaceId: 1,
          channelId: null,
          network: "nostr",
          answers: { method: "generate", values: { relays: "wss://relay.one\n\n  wss://relay.two  \nwss://relay.one" } },
        },
      },
    ]);
  });

  it("shows a relay error from the backend at the relays field", async () => {
    const { user, section } = await openChannels((b) => {
      b.fail.connect_channel = { code: "validation", message: "wss://x: no such host", field: "relays" };
    });
    await user.click(await within(section).findByRole("button", { name: "Connect a channel" }));
    const dialog = connectDialog();
    await user.click(within(dialog).getByRole("radio", { name: /Nostr/ }));
    await user.type(within(dialog).getByLabelText("Secret key"), "nsec1abc");
    await user.type(within(dialog).getByLabelText("Relays"), "wss://x");
    await user.click(within(dialog).getByRole("button", { name: "Connect Nostr" }));
    expect(await within(dialog).findByText("wss://x: no such host")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Relays")).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByLabelText("Secret key")).toHaveValue("nsec1abc");
  });

  it("removes a channel after confirming, and explains a conflict", async () => {
    const { backend, user, section } = await openChannels((b) => {
      b.channels = [channel(7, "bluesky", "acme.bsky.social"), channel(8, "nostr", "npub1xyz")];
      b.fail.remove_channel = {
        code: "conflict",
        message: "acme.bsky.social has 2 post(s) waiting to go out; unschedule them first",
        field: null,
      };
    });
    await user.click(await within(section).findByRole("button", { name: "Remove acme.bsky.social" }));
    let dialog = screen.getByRole("dialog", { name: "Remove acme.bsky.social?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove channel" }));
    expect(await within(dialog).findByText(/2 post\(s\) waiting to go out/)).toBeInTheDocument();
    expect(within(section).getByTestId("channel-7")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await user.click(within(section).getByRole("button", { name: "Remove npub1xyz" }));
    dialog = screen.getByRole("dialog", { name: "Remove npub1xyz?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove channel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(section).queryByTestId("channel-8")).not.toBeInTheDocument();
    expect(backend.argsOf("remove_channel")).toEqual([{ channelId: 7 }, { channelId: 8 }]);
  });
});
