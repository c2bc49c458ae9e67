import type { ComponentType } from "react";
import { BlueskyMark, MastodonMark, NostrMark } from "../../components/icons";
import { CAPABILITIES } from "../../lib/ipc/bindings/networkCapabilities";
import type { Capabilities, Channel, NetworkKind } from "../../lib/ipc/client";

// What each network is and can do comes from its registry entry in chorus-networks
// (generated into bindings/networkCapabilities.ts); only its logo is drawn here.
const CAPABILITIES_OF = Object.fromEntries(CAPABILITIES.map((c) => [c.network, c])) as Record<NetworkKind, Capabilities>;

const MARKS: Record<NetworkKind, ComponentType<{ size?: number }>> = {
  bluesky: BlueskyMark,
  mastodon: MastodonMark,
  nostr: NostrMark,
};

/** In the order the registry lists them. */
export const NETWORK_ORDER: readonly NetworkKind[] = CAPABILITIES.map((c) => c.network);

export function isNetworkKind(value: string): value is NetworkKind {
  return (NETWORK_ORDER as readonly string[]).includes(value);
}

/** The network's declaration: limits, how it counts text, what it can do, its name and colour. */
export function capabilitiesOf(network: NetworkKind): Capabilities {
  return CAPABILITIES_OF[network];
}

/** "Bluesky" for "bluesky"; unknown names are shown as they come. */
export function networkLabel(network: string): string {
  return isNetworkKind(network) ? CAPABILITIES_OF[network].label : network;
}

/** The network's brand colour, for anything painted in it. */
export function brandColor(network: string): string | undefined {
  return isNetworkKind(network) ? CAPABILITIES_OF[network].brandColor : undefined;
}

/** The network's mark on its brand colour; a neutral tile for unknown networks. */
export function NetworkBadge({ network, size = "md" }: { network: string; size?: "sm" | "md" }) {
  const Mark = isNetworkKind(network) ? MARKS[network] : undefined;
  return (
    <span
      className={`network-badge network-badge-${size}${Mark ? "" : " network-other"}`}
      style={Mark ? { background: brandColor(network) } : undefined}
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
