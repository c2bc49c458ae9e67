import type { ComponentType } from "react";
import { BlueskyMark, MastodonMark, NostrMark } from "../../components/icons";
import type { Channel, NetworkKind } from "../../lib/ipc/client";

interface NetworkInfo {
  label: string;
  Mark: ComponentType<{ size?: number }>;
}

export const NETWORKS: Record<NetworkKind, NetworkInfo> = {
  bluesky: { label: "Bluesky", Mark: BlueskyMark },
  mastodon: { label: "Mastodon", Mark: MastodonMark },
  nostr: { label: "Nostr", Mark: NostrMark },
};

export const NETWORK_ORDER: readonly NetworkKind[] = ["bluesky", "mastodon", "nostr"];

export function isNetworkKind(value: string): value is NetworkKind {
  return (NETWORK_ORDER as readonly string[]).includes(value);
}

/** "Bluesky" for "bluesky"; unknown names are shown as they come. */
export function networkLabel(network: string): string {
  return isNetworkKind(network) ? NETWORKS[network].label : network;
}

/** The network's mark on its brand colour; a neutral tile for unknown networks. */
export function NetworkBadge({ network, size = "md" }: { network: string; size?: "sm" | "md" }) {
  const known = isNetworkKind(network) ? NETWORKS[network] : null;
  const Mark = known?.Mark;
  return (
    <span
      className={`network-badge network-badge-${size} network-${known ? network : "other"}`}
      title={networkLabel(network)}
      aria-hidden="true"
    >
      {Mark ? <Mark size={size === "sm" ? 12 : 16} /> : networkLabel(network).slice(0, 1).toUpperCase()}
    </span>
  );
}

function host(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Where the account lives: "bsky.social", "mastodon.social", "2 relays". */
export function channelServer(channel: Channel): string {
  const config = channel.config;
  switch (config.network) {
    case "bluesky":
      return host(config.serviceUrl);
    case "mastodon":
      return host(config.instanceUrl);
    case "nostr":
      return config.relays.length === 1
        ? host(config.relays[0])
        : `${config.relays.length} relays`;
  }
}

/** The full server detail for a tooltip. */
export function channelServerTitle(channel: Channel): string {
  const config = channel.config;
  switch (config.network) {
    case "bluesky":
      return config.serviceUrl;
    case "mastodon":
      return config.instanceUrl;
    case "nostr":
      return config.relays.join("\n");
  }
}
