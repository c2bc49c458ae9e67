import { FieldError } from "../../components/Field";
import { CheckIcon, WarningIcon } from "../../components/icons";
import type { Channel } from "../../lib/ipc/client";
import { NetworkBadge, networkLabel } from "../channels/networks";

interface ChannelPickerProps {
  /** Prefix of the element ids ("post", or "edit-post" in the edit dialog). */
  idPrefix: string;
  channels: Channel[];
  selected: number[];
  error?: string;
  needsAttention: Channel[];
  onChange: (selected: number[]) => void;
  onReconnect: (channel: Channel) => void;
}

/** The channels to post to, as chips; ones needing attention are shown disabled with the reason. */
export function ChannelPicker({ idPrefix, channels, selected, error, needsAttention, onChange, onReconnect }: ChannelPickerProps) {
  return (
    <fieldset className="post-channels" id={`${idPrefix}-channels`} aria-describedby={error ? `${idPrefix}-channels-error` : undefined}>
      <legend className="field-label">Channels</legend>
      <div className="chip-list">
        {channels.map((channel) => {
          const disabled = channel.status !== "active";
          const reason =
            channel.status === "needs_attention"
              ? `Needs reconnecting: ${channel.statusReason || "the network stopped accepting its credentials"}`
              : channel.status === "disabled"
                ? "Removed"
                : undefined;
          return (
            <label
              key={channel.id}
              className={disabled ? "chip chip-disabled" : "chip"}
              title={reason ?? `${channel.handle} on ${networkLabel(channel.network)}`}
            >
              <input
                type="checkbox"
                checked={!disabled && selected.includes(channel.id)}
                disabled={disabled}
                aria-describedby={disabled ? `${idPrefix}-channel-${channel.id}-reason` : undefined}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, channel.id] : selected.filter((id) => id !== channel.id))
                }
              />
              <span className="chip-face">
                <NetworkBadge network={channel.network} size="sm" />
                <span className="chip-label">{channel.handle}</span>
                {disabled ? <WarningIcon size={14} className="chip-warning" /> : <CheckIcon size={14} className="chip-check" />}
              </span>
            </label>
          );
        })}
      </div>
      {needsAttention.map((channel) => (
        <p key={channel.id} className="chip-reason" id={`${idPrefix}-channel-${channel.id}-reason`}>
          <WarningIcon size={14} />
          <span>
            <strong>{channel.handle}</strong> needs reconnecting
            {channel.statusReason ? `: ${channel.statusReason}` : "."}{" "}
            <button type="button" className="link-button" onClick={() => onReconnect(channel)}>
              Reconnect
            </button>
          </span>
        </p>
      ))}
      {error && <FieldError id={`${idPrefix}-channels-error`} message={error} />}
    </fieldset>
  );
}
