import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { installBackend } from "../../test/fakeBackend";
import { COMMAND_NAMES } from "./bindings/commands";
import { topicVersion } from "./changes";
import * as ipc from "./client";

describe("the command schema", () => {
  it("has a handler in the fake backend for every command the Rust shell declares", () => {
    const backend = installBackend();
    const missing = COMMAND_NAMES.filter((name) => !backend.handles(name));
    expect(missing).toEqual([]);
    expect(COMMAND_NAMES.length).toBeGreaterThan(60);
  });

  it("invalidates what a command declares it changes, once it succeeded", async () => {
    mockIPC((cmd) => {
      if (cmd === "delete_post") return null;
      if (cmd === "remove_channel") return Promise.reject({ code: "conflict", message: "posts wait", field: null });
      return [];
    });
    const posts = topicVersion("posts");
    const channels = topicVersion("channels");

    await ipc.listPosts(1);
    expect(topicVersion("posts")).toBe(posts);

    await ipc.deletePost(3);
    expect(topicVersion("posts")).toBe(posts + 1);

    await expect(ipc.removeChannel(2)).rejects.toMatchObject({ code: "conflict" });
    expect(topicVersion("channels")).toBe(channels);
  });

  it("sends left-out optional arguments as null", async () => {
    const seen: unknown[] = [];
    mockIPC((_cmd, args) => {
      seen.push(args);
      return [];
    });
    await ipc.syncInbox();
    await ipc.listMedia(4);
    expect(seen).toEqual([{ channelId: null }, { workspaceId: 4, search: null }]);
  });
});
