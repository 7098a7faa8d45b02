// The return beside the measures (issue 17, part 3): the totals the DfE will read from the SEN2
// file, counted from the file itself, and the product's measures for the same days. They follow
// one definition (the measure registry cites the SEN2 module it follows), so they must be equal;
// a difference is a defect, and the row says where to look. Pure.
import { addDays } from "../dates.ts";
import type { Figure, RegistryId } from "../measures/registry.ts";
import type { CensusPeriod } from "./export.ts";
import type { Sen2Return } from "./model.ts";

/** A count, or a count of a whole (numerator of denominator). */
export interface Tally {
  count: number;
  of: number | null;
}

export interface ReconciliationRow {
  measureId: RegistryId;
  /** The total in words, with the days it covers. */
  label: string;
  fromReturn: Tally;
  /** The product's measure for the same days; null when it cannot be worked out yet (census day to come). */
  fromMeasures: Tally | null;
  agrees: boolean | null;
  /** Why the two differ, or why there is nothing to compare yet; null when they agree. */
  explanation: string | null;
}

/**
 * The DfE's 20-week figure: a plan issued within 20 weeks of the request's receipt (SEND
 * Regulations 2014 reg 13(2)); "excluding exceptions" leaves out plans flagged Week20 = 1 (reg 13(3)).
 */
const TWENTY_WEEKS_DAYS = 140;

/** The totals the DfE derives from a return: plans on census day, and the activity year's requests and new plans. */
export function returnTotals(sen2: Sen2Return, period: CensusPeriod): Record<ReconciledId, Tally> {
  const inYear = (date: string | undefined) => !!date && date >= period.activityStart && date <= period.activityEnd;
  let plans = 0;
  let requests = 0;
  let newPlans = 0;
  let within = 0;
  let withoutException = 0;
  let withinWithoutException = 0;
  for (const person of sen2.persons) {
    if (person.Requests.some((r) => r.ActivePlans)) plans += 1;
    for (const request of person.Requests) {
      // Entries for plans made before the product held the request (outcome H, no source) are not requests.
      if (request.RequestSource !== undefined && inYear(request.ReceivedDate)) requests += 1;
      const assessment = request.Assessment;
      if (assessment?.AssessmentOutcome !== "Y" || !inYear(assessment.AssessmentOutcomeDate)) continue;
      const inTime = (assessment.AssessmentOutcomeDate as string) <= addDays(request.ReceivedDate, TWENTY_WEEKS_DAYS);
      newPlans += 1;
      if (inTime) within += 1;
      if (assessment.Week20 !== "1") {
        withoutException += 1;
        if (inTime) withinWithoutException += 1;
      }
    }
  }
  return {
    plansOnCensusDay: { count: plans, of: null },
    requests: { count: requests, of: null },
    newPlans: { count: newPlans, of: null },
    within20WeeksInclExceptions: { count: within, of: newPlans },
    within20WeeksExclExceptions: { count: withinWithoutException, of: withoutException },
  };
}

export const RECONCILED_IDS = ["plansOnCensusDay", "requests", "newPlans", "within20WeeksInclExceptions", "within20WeeksExclExceptions"] as const;
export type ReconciledId = (typeof RECONCILED_IDS)[number];

const LABELS: Record<ReconciledId, (p: CensusPeriod) => string> = {
  plansOnCensusDay: (p) => `EHC plans in force on census day, ${p.censusDay}`,
  requests: (p) => `Requests for an assessment received in ${p.year - 1}`,
  newPlans: (p) => `New EHC plans issued in ${p.year - 1}`,
  within20WeeksInclExceptions: (p) => `New plans issued in ${p.year - 1} within 20 weeks, including exceptions`,
  within20WeeksExclExceptions: (p) => `New plans issued in ${p.year - 1} within 20 weeks, excluding exceptions`,
};

const WHERE_TO_LOOK: Record<ReconciledId, string> = {
  plansOnCensusDay:
    "Compare the children with a plan in the return with those behind the measure: a plan's start, transfer or ceasing date is read differently.",
  requests: "Compare the requests in the return with those behind the measure: a request's received date or its place in the return's scope differs.",
  newPlans: "Compare the named plans in the return with the plans behind the measure: a final plan's issue date or assessment outcome differs.",
  within20WeeksInclExceptions:
    "The return counts 20 weeks from the received date to the outcome date; the measure uses the clock's final plan deadline. Look at plans issued close to 20 weeks.",
  within20WeeksExclExceptions:
    "The return's Week20 flag and the case's recorded exceptions disagree, or the 20 weeks are counted differently. Look at plans with an exception.",
};

/**
 * One row per total. `flows` are the measures for the activity year; `census` those for census
 * day, or null while census day is still to come.
 */
export function reconcile(
  totals: Record<ReconciledId, Tally>,
  flows: readonly Figure[],
  census: readonly Figure[] | null,
  period: CensusPeriod,
): ReconciliationRow[] {
  return RECONCILED_IDS.map((id) => {
    const figure = (id === "plansOnCensusDay" ? census : flows)?.find((f) => f.id === id);
    const fromReturn = totals[id];
    const label = LABELS[id](period);
    if (!figure)
      return {
        measureId: id,
        label,
        fromReturn,
        fromMeasures: null,
        agrees: null,
        explanation:
          id === "plansOnCensusDay"
            ? `Census day (${period.censusDay}) is still to come: the measure is counted on the day itself.`
            : `${period.year - 1} is still to come.`,
      };
    const fromMeasures = { count: figure.numerator, of: figure.denominator };
    const agrees = fromMeasures.count === fromReturn.count && fromMeasures.of === fromReturn.of;
    return { measureId: id, label, fromReturn, fromMeasures, agrees, explanation: agrees ? null : WHERE_TO_LOOK[id] };
  });
}
