// Carrying actions forward into a plan that rates progress with another status scheme (SPEC A12,
// issue 11): each status of the closing plan's scheme has to become a status of the other plan's
// scheme, chosen by a person, so no carried history shows a code the other scheme does not have.
// Pure: no I/O.
import { NOT_YET_RATED } from "./schemes.ts";
import type { StatusDefinition, StatusScheme } from "./types.ts";

/** A closing plan's status code to a status code of the plan its actions are carried into. */
export type StatusMap = Record<string, string>;

/** True when every status of `from` means the same in `to`: same code, same label, same flags. Nothing to ask. */
export function sameStatuses(from: StatusScheme, to: StatusScheme): boolean {
  const key = (s: StatusDefinition) => [s.code, s.label.toLowerCase(), s.complete, s.unrated, s.cancelled, s.rank].join("|");
  const target = new Set(to.statuses.map(key));
  return from.statuses.every((s) => target.has(key(s)));
}

/**
 * The status of `to` a status of `from` most likely means, to offer first: the same label, else
 * the same colour with the same standing (complete, on track, unrated), else the same standing.
 * Only a suggestion; the person confirms it.
 */
export function suggestStatus(status: StatusDefinition, to: StatusScheme): StatusDefinition | undefined {
  const label = to.statuses.find((s) => s.label.toLowerCase() === status.label.toLowerCase());
  if (label && label.complete === status.complete) return label;
  const standing = (s: StatusDefinition) =>
    s.complete ? "complete" : s.unrated ? "unrated" : s.onTrack ? "on-track" : s.rank === 0 ? "worst" : "other";
  const same = to.statuses.filter((s) => standing(s) === standing(status));
  const byColour = same.find((s) => s.colour === status.colour);
  if (byColour) return byColour;
  // Several complete statuses (green and completed): the best ranked.
  return same.sort((a, b) => (b.rank ?? -1) - (a.rank ?? -1))[0];
}

export interface StatusMapProblem {
  /** The closing plan's status code the problem is about. */
  code: string;
  message: string;
}

/**
 * Checks a person's map for the statuses `used` by the carried actions' histories: each needs a
 * status of `to` (not yet rated stays not yet rated). Returns the problems, none when it is complete.
 */
export function checkStatusMap(from: StatusScheme, to: StatusScheme, used: readonly string[], map: StatusMap | undefined): StatusMapProblem[] {
  const problems: StatusMapProblem[] = [];
  for (const code of new Set(used)) {
    if (code === NOT_YET_RATED) continue;
    const label = from.statuses.find((s) => s.code === code)?.label ?? code;
    const chosen = map && Object.hasOwn(map, code) ? map[code] : undefined;
    if (chosen === undefined || chosen === "") problems.push({ code, message: `Choose the status of the ${to.name} scheme that '${label}' becomes` });
    else if (!to.statuses.some((s) => s.code === chosen))
      problems.push({ code, message: `'${chosen}' is not a status of the ${to.name} scheme: choose one from the list for '${label}'` });
  }
  return problems;
}

/** A carried update's status in the other plan's scheme (after checkStatusMap found nothing wrong). */
export function carriedStatus(code: string, map: StatusMap | undefined): string {
  if (code === NOT_YET_RATED || !map) return code;
  return map[code] ?? code;
}
