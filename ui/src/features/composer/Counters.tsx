import type { Channel, NetworkKind } from "../../lib/ipc/client";
import { capabilitiesOf, networkLabel } from "../channels/networks";
import { countFor } from "./counting";

interface CountersProps {
  id: string;
  text: string;
  /** The networks that send this text. */
  networks: NetworkKind[];
  /** Counted with the text where the network counts it (Mastodon). */
  contentWarning?: string;
}

/** "Bluesky 42/300 · Mastodon 40/500 · Nostr 52", live, each as that network counts. */
export function Counters({ id, text, networks, contentWarning = "" }: CountersProps) {
  const unique = [...new Set(networks)].sort();
  if (unique.length === 0) return null;
  return (
    <ul className="counters" id={id} aria-label="Length on each network" data-testid={id}>
      {unique.map((network) => {
        const counted = countFor(network, text, contentWarning);
        const left = counted.limit === null ? null : counted.limit - counted.count;
        const cls = counted.over ? "counter counter-over" : left !== null && left <= 20 ? "counter counter-near" : "counter";
        return (
          <li key={network} className={cls} title={capabilitiesOf(network).text.note} data-testid={`${id}-${network}`}>
            <span className="counter-network">{networkLabel(network)}</span>{" "}
            <span className="counter-value">
              {counted.limit === null ? counted.count : `${counted.count}/${counted.limit}`}
            </span>
            <span className="visually-hidden">
              {counted.limit === null ? " characters, no limit" : counted.over ? " characters, too long" : " characters"}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Lines "handle (network): problem" for every channel whose text is too long, like the backend's. */
export function lengthProblems(
  channels: Channel[],
  textOf: (channel: Channel) => string,
  contentWarning: string,
  where = "This post",
): string[] {
  const lines: string[] = [];
  for (const c of channels) {
    const counted = countFor(c.network, textOf(c), contentWarning);
    if (counted.over) {
      lines.push(
        `${c.handle} (${c.network}): ${where} is ${counted.count} characters; ${networkLabel(c.network)} allows ${counted.limit}.`,
      );
    }
  }
  return lines;
}
