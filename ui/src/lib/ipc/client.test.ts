import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import * as ipc from "./client";

describe("ipc client", () => {
  it("passes arguments under the camelCase keys the commands expect", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === "create_workspace"
        ? { id: 1, name: "Acme", timezone: "UTC", createdAt: "2025-01-01T00:00:00Z" }
        : null;
    });

    await ipc.createWorkspace({ name: "Acme", timezone: "UTC" });
    await ipc.updateWorkspace({ id: 1, name: "Acme 2", timezone: "UTC" });
    await ipc.workspaceOverview(7);
    await ipc.setPreferences({ theme: "dark", activeWorkspaceId: 1 });

    expect(seen).toEqual([
      ["create_workspace", { input: { name: "Acme", timezone: "UTC" } }],
      ["update_workspace", { input: { id: 1, name: "Acme 2", timezone: "UTC" } }],
      ["workspace_overview", { workspaceId: 7 }],
      ["set_preferences", { preferences: { theme: "dark", activeWorkspaceId: 1 } }],
    ]);
  });

  it("passes an IpcError rejection through unchanged", async () => {
    const error = { code: "validation", message: "Name is empty", field: "name" };
    mockIPC(() => Promise.reject(error));
    await expect(ipc.listWorkspaces()).rejects.toEqual(error);
  });

  it("normalizes a string rejection into an internal error", async () => {
    mockIPC(() => Promise.reject("command list_workspaces not found"));
    await expect(ipc.listWorkspaces()).rejects.toEqual({
      code: "internal",
      message: "command list_workspaces not found",
      field: null,
    });
  });

  it("normalizes Error objects and unknown codes", () => {
    expect(ipc.toIpcError(new Error("boom"))).toEqual({
      code: "internal",
      message: "boom",
      field: null,
    });
    expect(ipc.toIpcError({ code: "teapot", message: "short and stout" })).toEqual({
      code: "internal",
      message: "short and stout",
      field: null,
    });
    expect(ipc.toIpcError(undefined)).toEqual({
      code: "internal",
      message: "Unexpected error",
      field: null,
    });
  });

  it("recognizes only well-formed errors", () => {
    expect(ipc.isIpcError({ code: "storage", message: "disk full", field: null })).toBe(true);
    expect(ipc.isIpcError({ code: "storage", message: "disk full" })).toBe(false);
    expect(ipc.isIpcError({ code: "nope", message: "x", field: null })).toBe(false);
    expect(ipc.isIpcError("storage")).toBe(false);
    expect(ipc.isIpcError(null)).toBe(false);
  });
});

describe("ipc client: channels and posts", () => {
  it("sends each new command with camelCase keys", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    await ipc.listChannels(3);
    await ipc.connectChannel({
      workspaceId: 3,
      channelId: null,
      network: "nostr",
      answers: { method: "generate", values: { relays: "wss://r" } },
    });
    await ipc.removeChannel(9);
    await ipc.listPosts(3);
    await ipc.getPost(5);
    await ipc.retryTarget(11);
    await ipc.getPublishingSettings();
    await ipc.setPublishingPaused(true);
    expect(seen).toEqual([
      ["list_channels", { workspaceId: 3 }],
      [
        "connect_channel",
        {
          input: {
            workspaceId: 3,
            channelId: null,
            network: "nostr",
            answers: { method: "generate", values: { relays: "wss://r" } },
          },
        },
      ],
      ["remove_channel", { channelId: 9 }],
      ["list_posts", { workspaceId: 3 }],
      ["get_post", { postId: 5 }],
      ["retry_target", { targetId: 11 }],
      ["get_publishing_settings", {}],
      ["set_publishing_paused", { paused: true }],
    ]);
  });

  it("knows the secrets and network error codes", () => {
    expect(ipc.isIpcError({ code: "secrets", message: "no keychain", field: null })).toBe(true);
    expect(ipc.toIpcError({ code: "network", message: "bad password", field: "appPassword" })).toEqual({
      code: "network",
      message: "bad password",
      field: "appPassword",
    });
  });
});
