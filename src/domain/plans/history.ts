// An action's status at any date, and direction of travel between two dates (SPEC A5, A6).
// Updates are append-only; the status on a date is the latest update on or before it.

import type { IsoDate } from "../dates.ts";
import { statusOf } from "./schemes.ts";
import type { ActionUpdate, DirectionOfTravel, StatusScheme } from "./types.ts";

/**
 * Orders two updates in time: by date, then by sequence within the day (a missing sequence
 * counts as 0). Equal keys compare as 0, so a stable sort keeps the order they were given in.
 */
export function compareUpdates(a: ActionUpdate, b: ActionUpdate): number {
  // YYYY-MM-DD strings sort as dates.
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return (a.sequence ?? 0) - (b.sequence ?? 0);
}

/** Updates oldest first; ties keep the order given (later in the array counts as later). */
export function sortUpdates(updates: readonly ActionUpdate[]): ActionUpdate[] {
  return [...updates].sort(compareUpdates);
}

/** The latest update on or before `asAt`, or undefined when there was none yet. */
export function statusAsAt(updates: readonly ActionUpdate[], asAt: IsoDate): ActionUpdate | undefined {
  let latest: ActionUpdate | undefined;
  for (const update of updates) {
    if (update.date > asAt) continue;
    // `>= 0` so that, on a tie, the later entry in the array wins.
    if (latest === undefined || compareUpdates(update, latest) >= 0) latest = update;
  }
  return latest;
}

/** The latest update of all: the action's current status. */
export function latestUpdate(updates: readonly ActionUpdate[]): ActionUpdate | undefined {
  let latest: ActionUpdate | undefined;
  for (const update of updates) if (latest === undefined || compareUpdates(update, latest) >= 0) latest = update;
  return latest;
}

/**
 * Compares an earlier and a later status of one action.
 * - "new": there was no earlier rating: no update at all, or an unrated status ("dates to be
 *   finalised") that has now become a rated one. There is nothing to compare it with.
 * - "improved" / "worse": both rated, the later ranks higher / lower. Complete statuses rank
 *   highest in every scheme, so reaching one is always an improvement.
 * - "worse" also when a rated action loses its rating (on track -> dates to be finalised): the
 *   committee should see that the action has lost its footing.
 * - "unchanged": same rank; or both unrated; or no later status either.
 * - Moving to a cancelled status is "unchanged": withdrawing an action is neither progress nor
 *   slippage, and the status itself says what happened.
 * A code the scheme does not know counts as unrated.
 */
export function directionOfTravel(scheme: StatusScheme, earlierCode: string | undefined, laterCode: string | undefined): DirectionOfTravel {
  const earlier = statusOf(scheme, earlierCode);
  const later = statusOf(scheme, laterCode);
  if (earlierCode === undefined) return laterCode === undefined ? "unchanged" : "new";
  if (later?.cancelled && !earlier?.cancelled) return "unchanged";
  const earlierRank = earlier?.rank ?? null;
  const laterRank = later?.rank ?? null;
  if (earlierRank === null) return laterRank === null ? "unchanged" : "new";
  if (laterRank === null) return laterCode === undefined ? "unchanged" : "worse";
  if (laterRank > earlierRank) return "improved";
  if (laterRank < earlierRank) return "worse";
  return "unchanged";
}

/** Direction of travel of one action from its status on `from` to its status on `to`. */
export function directionBetween(scheme: StatusScheme, updates: readonly ActionUpdate[], from: IsoDate, to: IsoDate): DirectionOfTravel {
  return directionOfTravel(scheme, statusAsAt(updates, from)?.status, statusAsAt(updates, to)?.status);
}
