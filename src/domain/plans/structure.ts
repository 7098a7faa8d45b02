// A plan's shape over time (issue 13, SPEC A2, A10): which actions are in the plan on a date,
// which section each sat in then, the order of nested sections, and which statuses a scheme must
// keep. Pure: dates and rows are parameters.
import type { IsoDate } from "../dates.ts";
import type { StatusScheme } from "./types.ts";

/**
 * An action is in the plan from the day it joined until the day before it was retired. A retired
 * action is never deleted: as-at views before its retirement still show it, with its history.
 */
export function inPlanAsAt(action: { added_on: IsoDate; retired_on?: IsoDate | null }, asAt: IsoDate): boolean {
  return action.added_on <= asAt && (!action.retired_on || asAt < action.retired_on);
}

export interface SectionMove {
  fromSectionId: string;
  toSectionId: string;
  movedOn: IsoDate;
}

/**
 * The section an action sat in on a date. `moves` are oldest first; the action is in the section
 * of the last move made on or before the date, or, before any move, where the first move took it from.
 */
export function sectionAsAt(currentSectionId: string, moves: readonly SectionMove[], asAt: IsoDate): string {
  if (moves.length === 0) return currentSectionId;
  let section = (moves[0] as SectionMove).fromSectionId;
  for (const move of moves) if (move.movedOn <= asAt) section = move.toSectionId;
  return section;
}

export interface SectionNode {
  id: string;
  parentId: string | null;
  position: number;
}

/** Sections in reading order (each parent before its children, siblings by position): the order of positions to save. */
export function readingOrder<T extends SectionNode>(sections: readonly T[]): T[] {
  const byParent = new Map<string | null, T[]>();
  for (const s of sections) {
    const key = sections.some((p) => p.id === s.parentId) ? s.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(s);
    byParent.set(key, list);
  }
  const ordered: T[] = [];
  const visit = (parentId: string | null) => {
    for (const s of [...(byParent.get(parentId) ?? [])].sort((a, b) => a.position - b.position)) {
      ordered.push(s);
      visit(s.id);
    }
  };
  visit(null);
  return ordered;
}

/**
 * Swaps a section with its sibling above or below. Returns the sections with new positions in
 * reading order, or undefined when there is no sibling that way (first or last already).
 */
export function moveAmongSiblings<T extends SectionNode>(sections: readonly T[], id: string, direction: "up" | "down"): T[] | undefined {
  const section = sections.find((s) => s.id === id);
  if (!section) return undefined;
  const siblings = sections.filter((s) => s.parentId === section.parentId).sort((a, b) => a.position - b.position);
  const index = siblings.findIndex((s) => s.id === id);
  const other = siblings[direction === "up" ? index - 1 : index + 1];
  if (!other) return undefined;
  const swapped = sections.map((s) =>
    s.id === section.id ? { ...s, position: other.position } : s.id === other.id ? { ...s, position: section.position } : s,
  );
  return renumber(swapped);
}

/** Puts a section under another parent (or at the top level), last among its new siblings. */
export function nestUnder<T extends SectionNode>(sections: readonly T[], id: string, parentId: string | null): T[] {
  const last = Math.max(-1, ...sections.filter((s) => s.parentId === parentId && s.id !== id).map((s) => s.position));
  return renumber(sections.map((s) => (s.id === id ? { ...s, parentId, position: last + 0.5 } : s)));
}

/** True when `candidate` is the section itself or one of its descendants: nesting there would make a loop. */
export function isSelfOrDescendant(sections: readonly SectionNode[], id: string, candidate: string): boolean {
  let current: string | null = candidate;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    if (current === id) return true;
    seen.add(current);
    current = sections.find((s) => s.id === current)?.parentId ?? null;
  }
  return false;
}

function renumber<T extends SectionNode>(sections: readonly T[]): T[] {
  return readingOrder(sections).map((s, index) => ({ ...s, position: index }));
}

/**
 * SPEC A4: the statuses a plan's history uses that a new scheme would lose. A scheme in use may
 * change its labels, colours and order, but cannot drop a status a past rating used, or that
 * rating would lose its meaning.
 */
export function statusesDropped(scheme: StatusScheme, usedCodes: Iterable<string>): string[] {
  const kept = new Set(scheme.statuses.map((s) => s.code));
  return [...new Set(usedCodes)].filter((code) => !kept.has(code)).sort();
}
