// How big one plan may be (issue 12: a 100,000-row plan made the all-actions page 92 MB and slowed
// every other council). The largest real plans seen (Southend's peer review, Thurrock's WSOA, and
// the other council papers this project was built from) have tens to a few hundred
// actions; 5,000 leaves room for a whole-service plan while keeping every page and report of one
// plan quick. Checked wherever actions are added: an import (its check and the import itself), a
// new plan, and carrying actions forward from a closed plan.

export const MAX_ACTIONS_PER_PLAN = 5_000;

const count = (n: number) => n.toLocaleString("en-GB");

/** The message when a plan would have more actions than it may; undefined when it fits. */
export function planSizeProblem(wouldHave: number, max: number = MAX_ACTIONS_PER_PLAN): string | undefined {
  if (wouldHave <= max) return undefined;
  return `This plan would have ${count(wouldHave)} actions; a plan can have at most ${count(max)}. Split it into smaller plans (for example one for each priority or area), or leave finished actions out`;
}
