import { ExternalLinkIcon, RetryIcon } from "../../components/icons";
import type { TargetSummary } from "../../lib/ipc/client";
import { formatDateTime, formatUtc } from "../../lib/time";
import { NetworkBadge, networkLabel } from "../channels/networks";
import { StatusPill } from "./StatusPill";
import { RETRYABLE_STATES } from "./text";

export const UNCONFIRMED_EXPLANATION =
  "Chorus can't tell whether this went out; Retry publishes it with the same idempotency key, which the network uses to avoid a duplicate.";

interface TargetRowProps {
  target: TargetSummary;
  zone: string;
  onRetry: (targetId: number) => void;
  retrying: boolean;
}

/** One channel of a post: its state and, when something is wrong, what and what to do. */
export function TargetRow({ target, zone, onRetry, retrying }: TargetRowProps) {
  const network = networkLabel(target.network);
  const retryable = RETRYABLE_STATES.includes(target.state);
  const reason = target.lastError.trim();
  const onServer = target.delivery === "server";

  let problem: string | null = null;
  let note: string | null = null;
  switch (target.state) {
    case "failed":
      problem = reason || `${network} refused the post.`;
      break;
    case "missed":
      problem =
        reason ||
        (target.dueAt
          ? `It was due ${formatDateTime(target.dueAt, zone)} while Chorus was closed, asleep or paused. Nothing was sent.`
          : "It came due while Chorus was closed, asleep or paused. Nothing was sent.");
      break;
    case "unconfirmed":
      problem = reason || "The network did not answer in time.";
      note = UNCONFIRMED_EXPLANATION;
      break;
    case "scheduled":
      if (target.attempts > 0 && target.nextAttemptAt) {
        note = `Trying again ${formatDateTime(target.nextAttemptAt, zone)} after ${target.attempts} failed ${
          target.attempts === 1 ? "attempt" : "attempts"
        }${reason ? `: ${reason}` : "."}`;
      } else if (onServer) {
        note = `${network}'s server publishes this one, even with this computer off; Chorus checks afterwards that it went out.`;
      } else if (reason) {
        // E.g. why a hand-off to the server fell back to Chorus publishing it.
        note = reason;
      }
      break;
    case "paused":
      note = "Held while publishing is paused.";
      break;
    case "publishing":
      note = `Sending to ${network} now…`;
      break;
    default:
      break;
  }

  const loud = problem !== null;
  return (
    <li className={loud ? "target-row target-row-problem" : "target-row"} data-testid={`target-${target.id}`}>
      <div className="target-line">
        <NetworkBadge network={target.network} size="sm" />
        <span className="target-channel" title={`${target.channel} on ${network}`}>
          {target.channel}
        </span>
        <StatusPill state={target.state} />
        {onServer && target.state !== "published" && (
          <span className="target-delivery" title={`Scheduled on ${network}'s server`}>
            On server
          </span>
        )}
        {target.state === "published" && (
          <span className="target-published">
            {target.publishedAt && (
              <time dateTime={target.publishedAt} title={formatUtc(target.publishedAt)}>
                {formatDateTime(target.publishedAt, zone)}
              </time>
            )}
            {target.remoteUrl && (
              <a
                className="target-link"
                href={target.remoteUrl}
                target="_blank"
                rel="noreferrer"
              >
                View on {network}
                <ExternalLinkIcon size={13} />
              </a>
            )}
          </span>
        )}
        {retryable && (
          <button
            type="button"
            className="button button-small target-retry"
            onClick={() => onRetry(target.id)}
            disabled={retrying}
            aria-label={`Retry ${target.channel}`}
          >
            <RetryIcon size={14} />
            {retrying ? "Retrying…" : "Retry"}
          </button>
        )}
      </div>
      {problem && (
        <p className="target-problem" data-testid={`target-${target.id}-problem`}>
          {problem}
        </p>
      )}
      {note && <p className="target-note">{note}</p>}
    </li>
  );
}
