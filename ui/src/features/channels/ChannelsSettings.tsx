import { useEffect, useState, type ReactNode } from "react";
import { useChannels } from "../../app/channels";
import { useErrors } from "../../app/errors";
import { useUi } from "../../app/ui";
import { PlusIcon, RetryIcon, TrashIcon, WarningIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { Channel, ChannelStatus, PostingSlot, Workspace } from "../../lib/ipc/client";
import { SettingsSection } from "../settings/SettingsSection";
import { PostingSlotsEditor } from "./PostingSlotsEditor";
import { NetworkBadge, channelServer, channelServerTitle, networkLabel } from "./networks";
import "./Channels.css";

const STATUS_LABELS: Record<ChannelStatus, string> = {
  active: "Active",
  needs_attention: "Needs attention",
  disabled: "Disabled",
};

export function ChannelsSettings({ workspace }: { workspace: Workspace }) {
  const { channels, failed, reload } = useChannels();
  const { openDialog } = useUi();
  const connect = () => openDialog({ name: "connect-channel" });
  const { showError } = useErrors();
  const [slots, setSlots] = useState<{ workspaceId: number; slots: PostingSlot[] } | null>(null);

  useEffect(() => {
    let cancelled = false;
    ipc.postingSlots(workspace.id).then(
      (loaded) => {
        if (!cancelled) setSlots({ workspaceId: workspace.id, slots: loaded });
      },
      (reason: unknown) => {
        if (!cancelled) showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspace.id, showError]);

  const slotsLoaded = slots?.workspaceId === workspace.id ? slots.slots : null;
  const onSlotsSaved = (channelId: number, saved: PostingSlot[]) =>
    setSlots((current) =>
      current
        ? { ...current, slots: [...current.slots.filter((s) => s.channelId !== channelId), ...saved] }
        : current,
    );

  return (
    <SettingsSection
      id="settings-channels-title"
      title="Channels"
      description={`The accounts ${workspace.name} publishes to. Passwords, tokens and keys are kept in your system keychain.`}
    >
      <div data-testid="channels-settings">
        {channels === null && !failed && (
          <p className="channels-status-line" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading channels…
          </p>
        )}
        {failed && (
          <p className="channels-status-line">
            The channels could not be loaded.
            <button type="button" className="button button-small" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        {channels !== null && channels.length === 0 && (
          <div className="empty-state" data-testid="channels-empty">
            <p className="empty-state-title">No channels yet</p>
            <p>Connect a Bluesky, Mastodon or Nostr account to start posting from Chorus.</p>
            <button type="button" className="button button-primary" onClick={connect} data-testid="connect-channel">
              <PlusIcon />
              Connect a channel
            </button>
          </div>
        )}
        {channels !== null && channels.length > 0 && (
          <>
            <ul className="channel-list" aria-label="Connected channels">
              {channels.map((channel) => (
                <ChannelRow key={channel.id} channel={channel}>
                  {slotsLoaded && (
                    <PostingSlotsEditor
                      channel={channel}
                      slots={slotsLoaded.filter((s) => s.channelId === channel.id)}
                      zone={workspace.timezone}
                      onSaved={onSlotsSaved}
                    />
                  )}
                </ChannelRow>
              ))}
            </ul>
            <button type="button" className="button" onClick={connect} data-testid="connect-channel">
              <PlusIcon />
              Connect a channel
            </button>
          </>
        )}
      </div>
    </SettingsSection>
  );
}

function ChannelRow({ channel, children }: { channel: Channel; children?: ReactNode }) {
  const { openDialog } = useUi();
  const attention = channel.status === "needs_attention";
  const name = channel.displayName.trim() || channel.handle;
  const server = channelServer(channel);
  // "@ada@mastodon.social" already says where the account lives.
  const handleNamesServer = channel.handle.toLowerCase().endsWith(`@${server.toLowerCase()}`);
  return (
    <li
      className={attention ? "channel-row channel-row-attention" : "channel-row"}
      data-testid={`channel-${channel.id}`}
      aria-label={`${name} on ${networkLabel(channel.network)}`}
    >
      <div className="channel-main">
        <NetworkBadge network={channel.network} />
        <div className="channel-text">
          <span className="channel-name">{name}</span>
          <span className="channel-meta">
            <span className="channel-handle">{channel.handle}</span>
            {!handleNamesServer && (
              <>
                <span className="dot" aria-hidden="true" />
                <span title={channelServerTitle(channel)}>{server}</span>
              </>
            )}
          </span>
        </div>
        <span className={`channel-status channel-status-${channel.status}`}>
          {STATUS_LABELS[channel.status]}
        </span>
        <div className="channel-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${channel.handle}`}
            title="Remove channel"
            onClick={() => openDialog({ name: "remove-channel", channel })}
          >
            <TrashIcon />
          </button>
        </div>
      </div>
      {attention && (
        <div className="channel-attention">
          <p className="channel-reason">
            <WarningIcon size={14} />
            <span>
              {channel.statusReason.trim() || "The network stopped accepting this account's credentials."}{" "}
              Nothing is published to this channel until you reconnect it.
            </span>
          </p>
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => openDialog({ name: "connect-channel", channel })}
          >
            <RetryIcon size={14} />
            Reconnect
          </button>
        </div>
      )}
      {children}
    </li>
  );
}
