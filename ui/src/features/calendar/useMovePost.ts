import { useCallback } from "react";
import { useToasts } from "../../app/toasts";
import * as ipc from "../../lib/ipc/client";
import type { CalendarEntry } from "../../lib/ipc/client";
import { describeInstant, isAhead, toZonedRfc3339, undoPlan } from "./calendarTime";
import { entryAfterMove, excerpt } from "./entries";
import { invalidate } from "../../lib/ipc/changes";

export interface MoveRequest {
  entry: CalendarEntry;
  to: Date;
  /** Puts the post back where it was drawn when the move does not happen. */
  revert?: () => void;
  /** "back" for an undo, which offers no further undo. */
  kind?: "move" | "back";
}

interface MoveCallbacks {
  /** The post's new place, as soon as the backend confirmed it. */
  onPlaced: (entry: CalendarEntry) => void;
  /** A message for the screen-reader live region. */
  announce: (message: string) => void;
}

/**
 * Moves a post with reschedule_post: refuses the past before asking, reverts and says why
 * when the backend refuses, and offers Undo (while the old time is still ahead).
 */
export function useMovePost(zone: string, { onPlaced, announce }: MoveCallbacks) {
  const { showToast } = useToasts();

  /** Undo for a draft just scheduled: it goes back to the drafts. */
  const backToDrafts = useCallback(
    async (entry: CalendarEntry) => {
      try {
        await ipc.unschedulePost(entry.postId);
        announce("Back in the drafts");
        showToast({ tone: "success", title: "Back in the drafts", message: excerpt(entry.text) || "Images only" });
      } catch (reason) {
        const error = ipc.toIpcError(reason);
        announce(`Still scheduled: ${error.message}`);
        showToast({ tone: "danger", title: "Couldn't take it off the plan", message: error.message });
        // What the calendar shows is out of date.
        invalidate(["posts"]);
      }
    },
    [announce, showToast],
  );

  const move = useCallback(
    async function move(request: MoveRequest): Promise<CalendarEntry | null> {
      const { entry, to, revert, kind = "move" } = request;
      const when = describeInstant(to, zone);
      if (!isAhead(to, new Date())) {
        revert?.();
        announce(`Not moved: ${when} has already passed.`);
        showToast({
          tone: "warning",
          title: `${when} has already passed`,
          message: "Posts can only move to a time still ahead.",
        });
        return null;
      }
      let moved: CalendarEntry;
      try {
        const summary = await ipc.reschedulePost(entry.postId, toZonedRfc3339(to, zone));
        moved = entryAfterMove(entry, summary);
      } catch (reason) {
        revert?.();
        const error = ipc.toIpcError(reason);
        announce(`Not moved: ${error.message}`);
        showToast({ tone: "danger", title: "Couldn't move the post", message: error.message });
        // What the calendar shows is out of date (it went out meanwhile, or is gone).
        if (error.code === "conflict" || error.code === "not_found") invalidate(["posts"]);
        return null;
      }
      onPlaced(moved);

      const wasDraft = entry.dueAt === null;
      const title =
        kind === "back" ? `Moved back to ${when}` : wasDraft ? `Scheduled for ${when}` : `Moved to ${when}`;
      announce(title);
      // Undo: a draft just scheduled goes back to the drafts; a moved post back to its old
      // time while that is still ahead.
      const plan = kind === "move" ? undoPlan(entry.dueAt, new Date()) : { kind: "none" as const };
      let undo: (() => void) | null = null;
      if (kind === "move" && wasDraft) {
        undo = () => void backToDrafts(moved);
      } else if (plan.kind === "undo") {
        undo = () => {
          // The old time may have passed while the toast was up.
          const now = undoPlan(entry.dueAt, new Date());
          if (now.kind === "undo") {
            void move({ entry: moved, to: now.at, kind: "back" });
          } else if (now.kind === "passed") {
            showToast({
              tone: "warning",
              title: "Can't undo",
              message: `${describeInstant(now.at, zone)} has already passed, so the post stays at ${when}.`,
            });
          }
        };
      }
      showToast({
        tone: "success",
        title,
        message: excerpt(entry.text) || "Images only",
        action: undo ? { label: "Undo", run: undo } : undefined,
      });
      return moved;
    },
    [zone, showToast, onPlaced, announce, backToDrafts],
  );

  return move;
}
