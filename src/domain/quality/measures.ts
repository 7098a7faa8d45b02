// The quality measures (issue 18 part 4, SPEC C1 "complaints answered in target; audit grades;
// feedback agreement"): figures from quality audits, families' feedback and complaints, for any
// period and month by month, so an improvement plan's success measures can bind to them beside
// the casework measures of src/domain/measures/registry.ts. Pure: the rows and "today" are
// parameters. A share from fewer than five families' answers is withheld (SMALL_NUMBER).
import { earlierOf, type IsoDate, laterOf } from "../dates.ts";
import { monthsOf, type Period } from "../measures/registry.ts";
import { OUTCOME_LABELS, OUTCOMES, type Outcome, THEME_LABELS, THEMES, type Theme, UPHELD } from "./complaints.ts";
import { SMALL_NUMBER } from "./results.ts";

/** The five headline measures, each with its own table on the dashboard. */
export const HEADLINE_MEASURE_IDS = [
  "auditsGoodOrBetter",
  "familiesAgreed",
  "contactsAnsweredInTime",
  "complaintsReceived",
  "complaintsUpheld",
] as const;

const capital = <T extends string>(word: T) => `${word[0]?.toUpperCase()}${word.slice(1)}` as Capitalize<T>;

/** Complaints received about each theme (issue 18 part 4: "complaints by theme"), e.g. complaintThemeDelay. */
export const THEME_MEASURE_IDS = THEMES.map((t) => `complaintTheme${capital(t)}` as const);
/** The outcomes a complaint stage can be answered with (an enquiry's "answered" is not one). */
export const COMPLAINT_OUTCOMES = ["upheld", "partlyUpheld", "notUpheld", "withdrawn"] as const satisfies readonly Outcome[];
/** Complaint stages answered with each outcome ("complaints by outcome"), e.g. complaintOutcomeUpheld. */
export const OUTCOME_MEASURE_IDS = COMPLAINT_OUTCOMES.map((o) => `complaintOutcome${capital(o)}` as const);

export const QUALITY_MEASURE_IDS = [...HEADLINE_MEASURE_IDS, ...THEME_MEASURE_IDS, ...OUTCOME_MEASURE_IDS] as const;
export type QualityMeasureId = (typeof QUALITY_MEASURE_IDS)[number];

export interface QualityMeasureDefinition {
  id: QualityMeasureId;
  title: string;
  unit: "count" | "percent";
  kind: "flow";
  higherIsBetter: boolean | null;
  definition: string;
}

const def = (
  id: QualityMeasureId,
  title: string,
  unit: "count" | "percent",
  higherIsBetter: boolean | null,
  definition: string,
): QualityMeasureDefinition => ({ id, title, unit, kind: "flow", higherIsBetter, definition });

const HEADLINE_MEASURES: Readonly<Record<(typeof HEADLINE_MEASURE_IDS)[number], QualityMeasureDefinition>> = {
  auditsGoodOrBetter: def(
    "auditsGoodOrBetter",
    "EHC plans judged good or better at audit",
    "percent",
    true,
    "Of the quality audits agreed by a moderator in the period, those whose agreed grade is good or better on the council's framework (SPEC B8; Thurrock WSOA action 3.1).",
  ),
  familiesAgreed: def(
    "familiesAgreed",
    "Families who agreed in the feedback survey",
    "percent",
    true,
    "Of the answers families gave to the feedback survey's questions in the period, those that agreed (SPEC B8). Not shown when fewer than five families answered.",
  ),
  contactsAnsweredInTime: def(
    "contactsAnsweredInTime",
    "Enquiries and complaints answered within target",
    "percent",
    true,
    "Of the enquiry and complaint stages due in the period that were answered or are past their last day, those answered within their target of working days, 5 by default (SPEC B9; Thurrock WSOA action 9-10.1).",
  ),
  complaintsReceived: def(
    "complaintsReceived",
    "Complaints received",
    "count",
    false,
    "Complaints (not enquiries) received in the period (SPEC B9; Thurrock WSOA: a reduction in complaints).",
  ),
  complaintsUpheld: def(
    "complaintsUpheld",
    "Complaint stages upheld",
    "percent",
    false,
    "Of the complaint stages answered in the period with a finding, those upheld or partly upheld (withdrawn ones left out).",
  ),
};

const THEME_WORDS: Record<Theme, string> = {
  communication: "communication",
  delay: "delay or timeliness",
  assessment: "assessment",
  planContent: "what the plan says",
  provision: "provision not delivered",
  placement: "the school or setting",
  annualReview: "annual reviews",
  transport: "transport",
  other: "other matters",
};
const OUTCOME_WORDS: Record<(typeof COMPLAINT_OUTCOMES)[number], { title: string; higherIsBetter: boolean | null }> = {
  upheld: { title: "upheld", higherIsBetter: false },
  partlyUpheld: { title: "partly upheld", higherIsBetter: false },
  notUpheld: { title: "not upheld", higherIsBetter: null },
  withdrawn: { title: "withdrawn", higherIsBetter: null },
};

export const QUALITY_MEASURES: Readonly<Record<QualityMeasureId, QualityMeasureDefinition>> = {
  ...HEADLINE_MEASURES,
  ...(Object.fromEntries(
    THEMES.map((theme, i) => {
      const id = THEME_MEASURE_IDS[i] as QualityMeasureId;
      return [
        id,
        def(
          id,
          `Complaints about ${THEME_WORDS[theme]}`,
          "count",
          false,
          `Complaints (not enquiries) received in the period with the theme "${THEME_LABELS[theme]}"; a complaint with two themes counts under both (SPEC B9; issue 18 part 4, complaints by theme).`,
        ),
      ];
    }),
  ) as Record<(typeof THEME_MEASURE_IDS)[number], QualityMeasureDefinition>),
  ...(Object.fromEntries(
    COMPLAINT_OUTCOMES.map((outcome, i) => {
      const id = OUTCOME_MEASURE_IDS[i] as QualityMeasureId;
      const words = OUTCOME_WORDS[outcome];
      return [
        id,
        def(
          id,
          `Complaint stages ${words.title}`,
          "count",
          words.higherIsBetter,
          `Complaint stages (stage 1, stage 2 or the Ombudsman) answered in the period with the outcome "${OUTCOME_LABELS[outcome]}" (SPEC B9; issue 18 part 4, complaints by outcome).`,
        ),
      ];
    }),
  ) as Record<(typeof OUTCOME_MEASURE_IDS)[number], QualityMeasureDefinition>),
};

export function isQualityMeasureId(id: string): id is QualityMeasureId {
  return (QUALITY_MEASURE_IDS as readonly string[]).includes(id);
}

/** What the figures are made from: one row per agreed audit, survey answer and complaint stage. */
export interface QualityRows {
  audits: readonly { agreedOn: IsoDate; goodOrBetter: boolean }[];
  /** One per family's answer: its month (the first day) and how many questions it answered and agreed with. */
  answers: readonly { month: IsoDate; answered: number; agreed: number }[];
  stages: readonly {
    kind: "enquiry" | "complaint";
    stage: string;
    openedOn: IsoDate;
    dueOn: IsoDate;
    respondedOn: IsoDate | null;
    outcome: string | null;
    /** The contact's themes (for the counts by theme). */
    themes?: readonly string[];
  }[];
}

export interface QualityFigure {
  id: QualityMeasureId;
  /** The percentage to one decimal place, or the count; null when there is nothing to count or it is withheld. */
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** Set when the figure is withheld to keep families anonymous. */
  withheld?: string;
}

const inPeriod = (date: IsoDate, p: Period) => date >= p.from && date <= p.to;
const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** Every quality measure for one period, counted on `today` (an open stage is late only once its last day has passed). */
export function qualityFigures(rows: QualityRows, period: Period, today: IsoDate): QualityFigure[] {
  const audits = rows.audits.filter((a) => inPeriod(a.agreedOn, period));
  const good = audits.filter((a) => a.goodOrBetter).length;

  // Answers are kept by month only (anonymity), so a month counts when its first day is in the period
  // or the period starts within it.
  const monthStart = `${period.from.slice(0, 7)}-01`;
  const answers = rows.answers.filter((a) => a.month >= monthStart && a.month <= period.to);
  const answered = answers.reduce((n, a) => n + a.answered, 0);
  const agreed = answers.reduce((n, a) => n + a.agreed, 0);
  const families = answers.length;

  const decided = rows.stages.filter((s) => inPeriod(s.dueOn, period) && (s.respondedOn !== null || today > s.dueOn));
  const inTime = decided.filter((s) => s.respondedOn !== null && s.respondedOn <= s.dueOn).length;

  const received = rows.stages.filter((s) => s.kind === "complaint" && s.stage === "stage1" && inPeriod(s.openedOn, period));
  const complaints = received.length;
  const answeredComplaints = rows.stages.filter((s) => s.kind === "complaint" && s.respondedOn !== null && inPeriod(s.respondedOn, period));
  const found = answeredComplaints.filter((s) => s.outcome !== null && s.outcome !== "withdrawn");
  const upheld = found.filter((s) => UPHELD.includes(s.outcome as Outcome)).length;

  return [
    { id: "auditsGoodOrBetter", value: percent(good, audits.length), numerator: good, denominator: audits.length },
    families < SMALL_NUMBER
      ? {
          id: "familiesAgreed",
          value: null,
          numerator: 0,
          denominator: null,
          withheld: `Fewer than ${SMALL_NUMBER} families answered: not shown, to keep them anonymous`,
        }
      : { id: "familiesAgreed", value: percent(agreed, answered), numerator: agreed, denominator: answered },
    { id: "contactsAnsweredInTime", value: percent(inTime, decided.length), numerator: inTime, denominator: decided.length },
    { id: "complaintsReceived", value: complaints, numerator: complaints, denominator: null },
    { id: "complaintsUpheld", value: percent(upheld, found.length), numerator: upheld, denominator: found.length },
    ...THEMES.map((theme, i): QualityFigure => {
      const n = received.filter((s) => s.themes?.includes(theme)).length;
      return { id: THEME_MEASURE_IDS[i] as QualityMeasureId, value: n, numerator: n, denominator: null };
    }),
    ...COMPLAINT_OUTCOMES.map((outcome, i): QualityFigure => {
      const n = answeredComplaints.filter((s) => s.outcome === outcome).length;
      return { id: OUTCOME_MEASURE_IDS[i] as QualityMeasureId, value: n, numerator: n, denominator: null };
    }),
  ];
}

/** Month by month over a period (each month cut to the period), for the dashboards. */
export function qualitySeries(rows: QualityRows, period: Period, today: IsoDate): { period: Period; values: QualityFigure[] }[] {
  return monthsOf(period).map((month) => {
    const cut = { ...month, from: laterOf(month.from, period.from), to: earlierOf(month.to, period.to) };
    return { period: cut, values: qualityFigures(rows, cut, today) };
  });
}

/** "62.5% (5 of 8)", a count, or why there is no figure. */
export function figureText(figure: QualityFigure): string {
  if (figure.withheld) return figure.withheld;
  const unit = QUALITY_MEASURES[figure.id].unit;
  if (unit === "count") return (figure.value ?? 0).toLocaleString("en-GB");
  if (figure.value === null) return "Nothing to count";
  return `${figure.value}% (${figure.numerator} of ${figure.denominator})`;
}

/**
 * Complaints by theme and outcome (issue 18 part 4): for each theme, the complaints received in the
 * period with it (a complaint with two themes counts under both) and how many of those were upheld
 * or partly upheld at stage 1; and each outcome's count over the complaint stages answered in the period.
 */
export function complaintsByThemeAndOutcome(rows: QualityRows, period: Period) {
  const received = rows.stages.filter((s) => s.kind === "complaint" && s.stage === "stage1" && inPeriod(s.openedOn, period));
  const byTheme = THEMES.map((theme) => {
    const withTheme = received.filter((s) => s.themes?.includes(theme));
    return { theme, received: withTheme.length, upheld: withTheme.filter((s) => UPHELD.includes(s.outcome as Outcome)).length };
  }).filter((t) => t.received > 0);
  const answered = rows.stages.filter((s) => s.kind === "complaint" && s.respondedOn !== null && inPeriod(s.respondedOn, period));
  const byOutcome = OUTCOMES.filter((o) => o !== "answered").map((outcome) => ({
    outcome,
    stages: answered.filter((s) => s.outcome === outcome).length,
  }));
  return { byTheme, byOutcome };
}
