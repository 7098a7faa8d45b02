// The SEN2 items the casework holds but has left blank (issue 17): every item of the return has a
// place in the case record (the request, plan and placement forms ask for RYA, Exported, the other
// mediation and appeal flags, the personal budget, the residential weeks, work-based learning, the
// SEN unit and the other setting's description; ReviewDraft is the amendment notice's date), but
// two cannot be written when a placement leaves them blank. The return's page lists each with the
// number of children it applies to, so the council fills them in before it sends the file. Pure.
// Item names: docs/sen2-format.md.
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

export const NOT_HELD: readonly Rule[] = [
  {
    item: "Requests/Assessment/NamedPlan/PlanRes",
    meaning: "The residential setting named: 38 to 51 weeks (A) or 52 weeks (B)",
    appliesTo: "children with a residential place whose weeks a year are not recorded (record them on the placement)",
    written: "Left out",
    applies: (p, record) =>
      record
        ? plans(p).length > 0 && record.placements.some((pl) => pl.residential && !pl.residentialWeeks)
        : active(p).some((a) => a.PlacementDetail.some((s) => s.Res === "1")) && !plans(p).some((n) => n.PlanRes),
  },
  {
    item: "PlanDetail and PlacementDetail/SENsettingOther",
    meaning: "What the other setting is, in words, for setting codes OTH and NIEO",
    appliesTo: "children with a setting coded OTH or NIEO whose description is not recorded (record it on the placement)",
    written: "Left out",
    applies: (p) => settings(p).some((s) => (s.SENsetting === "OTH" || s.SENsetting === "NIEO") && !s.SENsettingOther),
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
