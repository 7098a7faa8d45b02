// Improvement plans as data (SPEC A1-A8): the shapes shared by the pure rules in this folder,
// the plans feature, the demo data and (later) imports and reports.
import type { IsoDate } from "../dates.ts";

/** How exact a due date is (SPEC A3). `date` is then the last day of that period, or null for "to be confirmed". */
export type DuePrecision = "day" | "month" | "quarter" | "term" | "season" | "year" | "tbc";

export interface DueDate {
  precision: DuePrecision;
  /** The last day of the period the text names ("Feb 2022" -> 2022-02-28); null when to be confirmed. */
  date: IsoDate | null;
  /** As the council wrote it: "Feb 2022", "Autumn 2023", "TBC". */
  text: string;
}

export type StatusColour = "blue" | "green" | "light-green" | "amber" | "red" | "grey" | "none";

export interface StatusDefinition {
  /** Stable code stored with each update, e.g. "on-track". */
  code: string;
  label: string;
  colour: StatusColour;
  /** The written definition shown in every key. */
  definition: string;
  /** Position from worst (0) to best; direction of travel compares ranks. Unrated statuses have no rank. */
  rank: number | null;
  complete: boolean;
  cancelled: boolean;
  unrated: boolean;
  /**
   * Rated as on course to meet the deadline ("On track", "Light green"): flagged when the due date
   * has passed (SPEC A7). Optional so existing data stays valid; absent means false.
   */
  onTrack?: boolean;
  /** The short words a committee sentence uses: "implemented in full", "on track". Absent: the label in lower case. */
  phrase?: string;
}

export interface StatusScheme {
  code: string;
  name: string;
  /** In the order a key lists them. */
  statuses: StatusDefinition[];
}

/** One dated entry in an action's history (SPEC A5). Append-only: a correction is a new entry. */
export interface ActionUpdate {
  /** The date the update speaks for (not when it was typed). */
  date: IsoDate;
  /** A code of the plan's scheme. */
  status: string;
  commentary: string;
  progress?: number;
  author?: string;
  /** Sequence within a day, so two updates on one date keep their order. */
  sequence?: number;
}

export type DirectionOfTravel = "improved" | "worse" | "unchanged" | "new";

// ---- Demo and import input: a plan as a council's table holds it ------------------------------

export const PLAN_TYPES = ["wsoa", "priority-action-plan", "peer-review", "scrutiny-review", "strategy", "other"] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export interface PlanSource {
  title: string;
  date: IsoDate;
  url?: string;
}

export interface ForumSeed {
  code: string;
  name: string;
  meetings: IsoDate[];
}

export interface ActionSeed {
  /** The council's own numbering, kept as text: "1.2", "6a", "3". */
  number: string;
  /** Stable id for re-import, unique in the plan. */
  externalId: string;
  text: string;
  successMeasures?: string;
  leadName?: string;
  leadRole?: string;
  /** Codes of ForumSeed. */
  forums: string[];
  startDate?: IsoDate;
  /** The timescale as written: "Jan", "Feb 2022", "April/July", "TBC". */
  timescale: string;
  externalDependency?: string;
  updates: ActionUpdate[];
}

export interface SectionSeed {
  number: string;
  title: string;
  kind: "recommendation" | "significant-weakness" | "priority" | "theme" | "improvement-area";
  aim?: string;
  kpis?: string;
  sections?: SectionSeed[];
  actions: ActionSeed[];
}

export interface PlanSeed {
  externalId: string;
  title: string;
  type: PlanType;
  source: PlanSource;
  owner: string;
  /** A built-in scheme code: "four-state", "five-level", "rag-blue". */
  scheme: string;
  cadence: string;
  approvedOn: IsoDate;
  forums: ForumSeed[];
  sections: SectionSeed[];
}
