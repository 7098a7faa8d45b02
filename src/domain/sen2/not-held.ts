// The SEN2 items the casework does not hold yet (issue 17): the return needs them, the case record
// has no place for them, so the export leaves them out (or writes the default shown). The return's
// page lists each one with the number of children in the return it applies to, so the council
// knows what to add in COLLECT before it sends the file. Pure. Item names: docs/sen2-format.md.
import type { CaseRecord } from "../cases/types.ts";
import type { CensusPeriod } from "./export.ts";
import type { Sen2Person } from "./model.ts";

export interface ItemNotHeld {
  /** The element, as a path like "Requests/Assessment/NamedPlan/PB". */
  item: string;
  /** What the item says, in the guide's words. */
  meaning: string;
  /** Which children in the return it applies to, in words. */
  appliesTo: string;
  /** Children in the return it applies to. */
  children: number;
  /** What the export writes meanwhile. */
  written: string;
}

interface Rule {
  item: string;
  meaning: string;
  appliesTo: string;
  written: string;
  applies: (p: Sen2Person, record: CaseRecord | undefined, period: CensusPeriod) => boolean;
}

const plans = (p: Sen2Person) => p.Requests.flatMap((r) => (r.Assessment?.NamedPlan ? [r.Assessment.NamedPlan] : []));
const active = (p: Sen2Person) => p.Requests.flatMap((r) => (r.ActivePlans ? [r.ActivePlans] : []));
const settings = (p: Sen2Person) => [...plans(p).flatMap((n) => n.PlanDetail), ...active(p).flatMap((a) => a.PlacementDetail)];

/** Age in whole years on a day (both YYYY-MM-DD). */
function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

export const NOT_HELD: readonly Rule[] = [
  {
    item: "Requests/RYA",
    meaning: "The request was made while the young person was in relevant youth accommodation (0 or 1)",
    appliesTo: "children with a request made to this council",
    written: "Left out",
    applies: (p) => p.Requests.some((r) => r.RequestSource !== undefined),
  },
  {
    item: "Requests/Exported",
    meaning: "The child or young person moved out of the council's area before the assessment was completed",
    appliesTo: "children with a request or assessment withdrawn (moving away is one reason)",
    written: "Left out",
    applies: (p) => p.Requests.some((r) => r.RequestOutcome === "W" || r.Assessment?.AssessmentOutcome === "W"),
  },
  {
    item: "Requests/Assessment/OtherMediation and OtherTribunal",
    meaning: "Mediation or an appeal for a reason other than the decisions to assess and to issue a plan (0 or 1)",
    appliesTo: "children with an assessment",
    written: "Left out",
    applies: (p) => p.Requests.some((r) => r.Assessment),
  },
  {
    item: "Requests/Assessment/NamedPlan/PB, OA and DP",
    meaning: "A personal budget taken up, organised arrangements, and direct payments",
    appliesTo: "children with a named plan",
    written: "Left out",
    applies: (p) => plans(p).length > 0,
  },
  {
    item: "Requests/Assessment/NamedPlan/PlanRes",
    meaning: "The residential setting named: 38 to 51 weeks (A) or 52 weeks (B)",
    appliesTo: "children with a residential placement (the record says residential, not for how many weeks)",
    written: "Left out",
    applies: (p, record) => plans(p).length > 0 && !!record?.placements.some((pl) => pl.residential),
  },
  {
    item: "Requests/Assessment/NamedPlan/PlanWBP and ActivePlans/PlacementDetail/WBP",
    meaning: "Work-based learning: an apprenticeship, supported internship or traineeship",
    appliesTo: "young people aged 16 or over on census day with a named plan",
    written: "Left out",
    applies: (p, _record, period) =>
      plans(p).length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(p.PersonBirthDate) && ageOn(p.PersonBirthDate, period.censusDay) >= 16,
  },
  {
    item: "PlanDetail and PlacementDetail/SENunitIndicator",
    meaning: "The place is in an SEN unit (the record says resourced provision or unit, not which)",
    appliesTo: "children with a setting written as resourced provision",
    written: "0 (not an SEN unit)",
    applies: (p) => settings(p).some((s) => s.ResourcedProvisionIndicator === "1"),
  },
  {
    item: "PlanDetail and PlacementDetail/SENsettingOther",
    meaning: "What the other setting is, in words, for setting codes OTH and NIEO",
    appliesTo: "children with a setting coded OTH or NIEO",
    written: "Left out",
    applies: (p) => settings(p).some((s) => s.SENsetting === "OTH" || s.SENsetting === "NIEO"),
  },
  {
    item: "Requests/ActivePlans/ReviewDraft",
    meaning: "The date the draft amended plan was issued after the annual review",
    appliesTo: "children whose last annual review decided to amend the plan",
    written: "Left out",
    applies: (p) => active(p).some((a) => a.ReviewOutcome === "A"),
  },
];

/**
 * Each item not held, with the number of children in the return it applies to. `records[i]` is
 * the case record of `persons[i]` (absent for a return read from a file).
 */
export function itemsNotHeld(persons: readonly Sen2Person[], records: readonly (CaseRecord | undefined)[], period: CensusPeriod): ItemNotHeld[] {
  return NOT_HELD.map(({ applies, ...rule }) => ({
    ...rule,
    children: persons.filter((p, i) => applies(p, records[i], period)).length,
  }));
}
