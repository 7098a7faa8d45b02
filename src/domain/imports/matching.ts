// Re-import (SPEC A11, A12): which action of the plan a row of the file is. The file's own
// reference first (the id an earlier import gave it), then the action's number as written, told
// apart where the plan uses a number twice (1.1 in two weaknesses) by its section's number and
// title, then by its words. Pure: the plan's actions and sections are given.

export interface KnownAction {
  id: string;
  externalId: string;
  number: string;
  text: string;
  /** Its section and the sections above it, innermost first. */
  sections: { number: string; title: string }[];
}

export interface IncomingAction {
  externalId: string;
  number: string;
  text: string;
  /** The section it sits in, as the file gives it. */
  section: { number: string; title: string };
  /** Section numbers above it, outermost first, its own section last. */
  path: string[];
}

/** Text compared as a person reads it: spaces, line ends and case do not count. */
export function sameWords(a: string | null | undefined, b: string | null | undefined): boolean {
  const tidy = (s: string | null | undefined) =>
    (s ?? "")
      .replace(/\r\n?/g, "\n")
      .replace(/[ \t\u00a0]+/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .trim()
      .toLowerCase();
  return tidy(a) === tidy(b);
}

export class ActionMatcher {
  private readonly byExternalId = new Map<string, KnownAction>();
  private readonly byNumber = new Map<string, KnownAction[]>();
  private readonly used = new Set<string>();

  constructor(actions: KnownAction[]) {
    for (const a of actions) {
      this.byExternalId.set(a.externalId, a);
      const key = a.number.trim().toLowerCase();
      const list = this.byNumber.get(key);
      if (list) list.push(a);
      else this.byNumber.set(key, [a]);
    }
  }

  /** The plan's action this row of the file is, or undefined for a new action. Each action is matched once. */
  match(incoming: IncomingAction): KnownAction | undefined {
    const found = this.find(incoming);
    if (found) this.used.add(found.id);
    return found;
  }

  private find(incoming: IncomingAction): KnownAction | undefined {
    const direct = this.byExternalId.get(incoming.externalId);
    if (direct && !this.used.has(direct.id)) return direct;
    let candidates = (this.byNumber.get(incoming.number.trim().toLowerCase()) ?? []).filter((a) => !this.used.has(a.id));
    const narrow = (keep: (a: KnownAction) => boolean) => {
      const kept = candidates.filter(keep);
      if (kept.length > 0) candidates = kept;
    };
    if (candidates.length > 1)
      narrow((a) => sameWords(a.sections[0]?.number, incoming.section.number) && sameWords(a.sections[0]?.title, incoming.section.title));
    if (candidates.length > 1) {
      const path = [...incoming.path].reverse();
      narrow((a) => path.every((n, i) => sameWords(a.sections[i]?.number, n)));
    }
    if (candidates.length > 1) narrow((a) => sameWords(a.text, incoming.text));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
}
