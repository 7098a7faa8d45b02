// The measure registry (SPEC C1), its first part: a council's SEN2 figures for a calendar year of
// activity, worked out from its casework with the statutory clock, so they reconcile with the
// return (DfE SEN2 person-level return) and sit beside England's published figures. One definition per measure;
// dashboards, plans and the return are to use these, never a copy.

import { englandAndWalesCalendar, type WorkingDayCalendar } from "../bank-holidays.ts";
import { requestCalculatorInput } from "../cases/case-clock.ts";
import type { AssessmentRequest, CaseRecord } from "../cases/types.ts";
import { addDays, type IsoDate, isoWeekday } from "../dates.ts";
import { calculateDeadlines, hasTwentyWeekException } from "../statutory/calculator.ts";
import type { Closure } from "../statutory/input.ts";
import { englandFor } from "./england.ts";

export const MEASURE_IDS = [
  "plansOnCensusDay",
  "requests",
  "refusalRate",
  "decisionsWithin6Weeks",
  "newPlans",
  "within20WeeksInclExceptions",
  "within20WeeksExclExceptions",
  "reviewsOnTime",
] as const;

export type MeasureId = (typeof MEASURE_IDS)[number];

export interface MeasureDefinition {
  id: MeasureId;
  title: string;
  unit: "count" | "percent";
  /** What is counted, in words, as the SEN2 guidance and the law put it. */
  definition: string;
}

export const MEASURES: Readonly<Record<MeasureId, MeasureDefinition>> = {
  plansOnCensusDay: {
    id: "plansOnCensusDay",
    title: "EHC plans in force in January",
    unit: "count",
    definition: "Children and young people with an EHC plan made and not ceased on the SEN2 census day (the third Thursday of January).",
  },
  requests: {
    id: "requests",
    title: "Requests for an EHC needs assessment",
    unit: "count",
    definition: "Requests received in the year.",
  },
  refusalRate: {
    id: "refusalRate",
    title: "Requests refused",
    unit: "percent",
    definition: "Of the requests received in the year, those the council decided not to assess.",
  },
  decisionsWithin6Weeks: {
    id: "decisionsWithin6Weeks",
    title: "Decisions to assess or not within 6 weeks",
    unit: "percent",
    definition: "Of the decisions told to families in the year, those told within 6 weeks of the request (SEND Regulations 2014 reg 4(1) and 5(1)).",
  },
  newPlans: {
    id: "newPlans",
    title: "New EHC plans issued",
    unit: "count",
    definition: "Final EHC plans issued in the year after an assessment.",
  },
  within20WeeksInclExceptions: {
    id: "within20WeeksInclExceptions",
    title: "New plans issued within 20 weeks, including exceptions",
    unit: "percent",
    definition: "Of the new plans issued in the year, those issued within 20 weeks of the request (reg 13(2)), counting every plan.",
  },
  within20WeeksExclExceptions: {
    id: "within20WeeksExclExceptions",
    title: "New plans issued within 20 weeks, excluding exceptions",
    unit: "percent",
    definition: "As above, leaving out the plans whose 20 weeks were relieved by an exception (reg 13(3)): the SEN2 20-week exception flag.",
  },
  reviewsOnTime: {
    id: "reviewsOnTime",
    title: "Annual reviews held on time",
    unit: "percent",
    definition:
      "Of the annual review meetings held in the year, those held within 12 months of the plan being made or of the last review (Children and Families Act 2014 s44(1)).",
  },
};

export interface MeasureValue {
  id: MeasureId;
  /** The count, or the percentage to one decimal place; null when there is nothing to count from. */
  value: number | null;
  /** For a percentage, what it is of. */
  numerator: number;
  denominator: number | null;
  /** England's published figure for the same year, where there is one. */
  england: number | null;
}

export interface YearMeasures {
  year: number;
  censusDay: IsoDate;
  values: MeasureValue[];
}

/** The SEN2 census day of a January: the third Thursday (15 January 2026, 21 January 2027). */
export function censusDay(year: number): IsoDate {
  const first = `${year}-01-01`;
  const toThursday = (4 - isoWeekday(first) + 7) % 7;
  return addDays(first, toThursday + 14);
}

const inYear = (date: IsoDate | undefined, year: number): date is IsoDate => !!date?.startsWith(`${year}-`);

const percent = (numerator: number, denominator: number) => (denominator ? Math.round((1000 * numerator) / denominator) / 10 : null);

/** The council's figures for a calendar year of activity, from every case record it holds. */
export function measuresForYear(
  records: readonly CaseRecord[],
  year: number,
  options: { closures?: readonly Closure[]; calendar?: WorkingDayCalendar; today?: IsoDate } = {},
): YearMeasures {
  const calendar = options.calendar ?? englandAndWalesCalendar();
  // Review meetings booked after today have not been held.
  const heldBy = options.today && options.today < `${year}-12-31` ? options.today : `${year}-12-31`;
  const census = censusDay(year);
  // The statutory date of a request's step, from the same calculator as the clock on the case.
  const dueOf = (request: AssessmentRequest, key: "assessment.decision" | "assessment.finalPlan") => {
    const result = calculateDeadlines(requestCalculatorInput(request, `${year}-12-31`, options.closures ?? []), { today: `${year}-12-31`, calendar });
    return { due: result.deadlines.find((d) => d.key === key)?.due, excepted: hasTwentyWeekException(result) };
  };

  let plansOnCensusDay = 0;
  let requests = 0;
  let refused = 0;
  let decisions = 0;
  let decisionsInTime = 0;
  let newPlans = 0;
  let plansInTime = 0;
  let plansNotExcepted = 0;
  let plansNotExceptedInTime = 0;
  let reviews = 0;
  let reviewsInTime = 0;
  for (const record of records) {
    if (record.plans.some((p) => p.made <= census && (!p.ceased || p.ceased.date > census))) plansOnCensusDay++;
    record.reviews.forEach((review, i) => {
      if (!inYear(review.meeting, year) || review.meeting > heldBy) return;
      const plan = record.plans.filter((p) => p.made <= review.meeting).at(-1);
      if (!plan) return;
      const recorded = record.reviews[i - 1]?.meeting;
      let previous = recorded && recorded >= plan.made ? recorded : undefined;
      // The first review after a plan is transferred in is due by transfer.reviewBy (Regs 15(5);
      // STATUTORY.md §4): counted from the old council's last review or the plan, and the transfer.
      const transfer = plan.transferredIn;
      const firstAfterTransfer = transfer !== undefined && transfer.date <= review.meeting && (!previous || previous < transfer.date);
      if (firstAfterTransfer && transfer.lastReview && (!previous || transfer.lastReview > previous)) previous = transfer.lastReview;
      const events = {
        planMade: plan.made,
        reviewMeeting: review.meeting,
        ...(previous ? { previousReviewMeeting: previous } : {}),
        ...(firstAfterTransfer ? { transferredIn: transfer.date } : {}),
      };
      const found = calculateDeadlines({ asOf: review.meeting, events }, { today: review.meeting, calendar }).deadlines;
      const due = found.find((d) => (firstAfterTransfer ? d.key === "transfer.reviewBy" : d.key === "review.due" && d.subject === undefined))?.due;
      reviews++;
      if (due && review.meeting <= due) reviewsInTime++;
    });
    for (const request of record.requests) {
      if (inYear(request.received, year)) {
        requests++;
        if (request.decision?.outcome === "refuse") refused++;
      }
      const decided = request.decision?.date;
      if (inYear(decided, year)) {
        decisions++;
        const { due } = dueOf(request, "assessment.decision");
        if (due && decided <= due) decisionsInTime++;
      }
      const issued = request.finalPlanIssued;
      if (inYear(issued, year)) {
        newPlans++;
        const { due, excepted } = dueOf(request, "assessment.finalPlan");
        const inTime = !!due && issued <= due;
        if (inTime) plansInTime++;
        if (!excepted) {
          plansNotExcepted++;
          if (inTime) plansNotExceptedInTime++;
        }
      }
    }
  }

  const england = englandFor(year);
  const englandRefusal = england?.requests && england.refusedToAssess !== null ? percent(england.refusedToAssess, england.requests) : null;
  const value = (id: MeasureId, v: number | null, numerator: number, denominator: number | null, national: number | null | undefined) => ({
    id,
    value: v,
    numerator,
    denominator,
    england: national ?? null,
  });
  return {
    year,
    censusDay: census,
    values: [
      value("plansOnCensusDay", plansOnCensusDay, plansOnCensusDay, null, england?.plansInJanuary),
      value("requests", requests, requests, null, england?.requests),
      value("refusalRate", percent(refused, requests), refused, requests, englandRefusal),
      value("decisionsWithin6Weeks", percent(decisionsInTime, decisions), decisionsInTime, decisions, null),
      value("newPlans", newPlans, newPlans, null, england?.newPlans),
      value("within20WeeksInclExceptions", percent(plansInTime, newPlans), plansInTime, newPlans, england?.within20WeeksInclExceptionsPct),
      value(
        "within20WeeksExclExceptions",
        percent(plansNotExceptedInTime, plansNotExcepted),
        plansNotExceptedInTime,
        plansNotExcepted,
        england?.within20WeeksExclExceptionsPct,
      ),
      value("reviewsOnTime", percent(reviewsInTime, reviews), reviewsInTime, reviews, null),
    ],
  };
}
