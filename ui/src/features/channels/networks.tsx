import { CAPABILITIES } from "../../lib/ipc/bindings/networkCapabilities";
import type { Capabilities, Channel, NetworkKind } from "../../lib/ipc/client";

// What each network is and can do comes from its registry entry in chorus-networks
// (generated into bindings/networkCapabilities.ts), its mark included.
const CAPABILITIES_OF = Object.fromEntries(CAPABILITIES.map((c) => [c.network, c])) as Record<NetworkKind, Capabilities>;

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
  const mark = isNetworkKind(network) ? CAPABILITIES_OF[network].mark : undefined;
  const px = size === "sm" ? 12 : 16;
  return (
    <span
      className={`network-badge network-badge-${size}${mark ? "" : " network-other"}`}
      style={mark ? { background: brandColor(network) } : undefined}
      title={networkLabel(network)}
      aria-hidden="true"
    >
      {mark ? (
        <svg width={px} height={px} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d={mark} />
        </svg>
      ) : (
        networkLabel(network).slice(0, 1).toUpperCase()
      )}
    </span>
  );
}

/** "https://mastodon.social/" (or "mastodon.social", as typed) -> "mastodon.social". */
export function hostOf(url: string): string {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).host || url;
  } catch {
    return url;
  }
}

/**
 * The channel's server addresses: its stored settings under the fields its network's connect
 * form declares as addresses (a server URL, a list of relays), with that field's label.
 */
function addresses(channel: Channel): { label: string; values: string[] } {
  const config = channel.config as Record<string, unknown>;
  const fields = isNetworkKind(channel.network) ? CAPABILITIES_OF[channel.network].connect.flatMap((m) => m.fields) : [];
  for (const field of fields) {
    if (field.kind !== "url" && field.kind !== "lines") continue;
    const stored = config[field.name];
    const values = Array.isArray(stored) ? stored.map(String) : typeof stored === "string" ? [stored] : [];
    if (values.length > 0) return { label: field.label, values };
  }
  return { label: "", values: [] };
}

/** Where the account lives: "bsky.social", "mastodon.social", "2 relays". */
export function channelServer(channel: Channel): string {
  const { label, values } = addresses(channel);
  return values.length === 1 ? hostOf(values[0]) : `${values.length} ${label.toLowerCase()}`;
}

/** The full server detail for a tooltip. */
export function channelServerTitle(channel: Channel): string {
  return addresses(channel).values.join("\n");
}
