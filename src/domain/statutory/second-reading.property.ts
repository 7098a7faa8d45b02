// Random, legally plausible calculator inputs (fast-check) and the comparison of the engine with the
// second reading (second-reading.testkit.ts). Shared by second-reading.test.ts (a seeded run in
// `npm test`) and bench/clock-property.ts (100,000 cases). For the tests and the bench only.

import fc from "fast-check";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { calculateDeadlines } from "./calculator.ts";
import type { CalculatorInput } from "./input.ts";
import { parseCalculatorInput } from "./input.ts";
import { dayOf, isoOf, type SrInput, type SrOutput, secondReading } from "./second-reading.testkit.ts";

// ---- Dates the clock finds hard -----------------------------------------------------------------

const FIRST = dayOf("2024-01-01");
const LAST = dayOf("2030-12-31");

function around(iso: string, spread: number): number[] {
  const days: number[] = [];
  for (let d = -spread; d <= spread; d++) days.push(dayOf(iso) + d);
  return days;
}

/** Bank holidays 2024-2030 (data and rule years alike), month ends, leap days, Christmas, August. */
const HARD_DAYS: readonly number[] = (() => {
  const set = new Set<number>();
  const holidays = [
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2026-04-03", "2026-04-06", "2026-05-04",
    "2026-05-25", "2026-08-31", "2026-12-28", "2027-03-26", "2027-03-29", "2027-12-27", "2027-12-28", "2028-01-03",
    "2028-04-14", "2028-04-17", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2030-04-19",
    "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26",
  ]; // biome-ignore format: a table
  for (const h of holidays) for (const d of around(h, 3)) set.add(d);
  for (let y = 2024; y <= 2030; y++) {
    for (let m = 1; m <= 12; m++) {
      const last = dayOf(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`) - 1;
      for (let d = last - 1; d <= last + 1; d++) set.add(d);
    }
    for (const d of around(`${y}-12-28`, 7)) set.add(d);
    for (let d = dayOf(`${y}-07-25`); d <= dayOf(`${y}-09-03`); d++) set.add(d);
  }
  for (const d of [...around("2024-02-29", 2), ...around("2028-02-29", 2)]) set.add(d);
  return [...set].filter((d) => d >= FIRST && d <= LAST).sort((a, b) => a - b);
})();

/** A day in 2024-2030, half the time one of the hard ones. */
const pivotDay = fc.oneof(fc.constantFrom(...HARD_DAYS), fc.integer({ min: FIRST, max: LAST }));

const iso = (day: number) => isoOf(day);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

// ---- Scenarios ----------------------------------------------------------------------------------

const SERVICES = ["Educational psychology", "Health", "Social care", "School"] as const;

const assessmentChain = fc.record({
  start: fc.integer({ min: -200, max: 200 }),
  decision: maybe(fc.integer({ min: 0, max: 60 })),
  advice: fc.array(fc.record({ after: fc.integer({ min: 0, max: 70 }), returnedAfter: maybe(fc.integer({ min: 0, max: 70 })), head: fc.boolean() }), {
    maxLength: 3,
  }),
  outcome: fc.oneof(
    fc.constant(undefined),
    fc.record({ noPlan: fc.integer({ min: 40, max: 140 }) }),
    fc.record({ draft: fc.integer({ min: 40, max: 150 }), final: maybe(fc.integer({ min: 0, max: 60 })) }),
  ),
});

const planChain = fc.record({
  made: fc.integer({ min: -900, max: 100 }),
  previous: maybe(fc.integer({ min: 150, max: 420 })),
  meeting: maybe(fc.integer({ min: 250, max: 420 })),
  report: maybe(fc.integer({ min: 0, max: 30 })),
  decision: maybe(fc.integer({ min: 0, max: 45 })),
  notice: maybe(fc.integer({ min: -5, max: 50 })),
  amended: maybe(fc.integer({ min: 0, max: 80 })),
  underFive: maybe(fc.boolean()),
  ageDays: maybe(fc.integer({ min: 0, max: 365 * 19 })),
  phase: maybe(
    fc.record({
      kind: maybe(fc.constantFrom("school" as const, "post16" as const, "post16Other" as const)),
      year: maybe(fc.integer({ min: 2024, max: 2031 })),
      dateOffset: maybe(fc.integer({ min: -100, max: 500 })),
      finalised: maybe(fc.integer({ min: -200, max: 300 })),
    }),
  ),
});

const moveChain = fc.record({
  aware: fc.integer({ min: 30, max: 700 }),
  moveAfter: maybe(fc.integer({ min: -10, max: 60 })),
  inAfter: maybe(fc.integer({ min: 0, max: 45 })),
  meetingAfterTransfer: maybe(fc.integer({ min: 0, max: 200 })),
});

const appealChain = fc.record({
  notice: fc.integer({ min: -200, max: 200 }),
  told: maybe(fc.integer({ min: 0, max: 75 })),
  certificate: maybe(fc.integer({ min: 0, max: 10 })),
  placementOnly: maybe(fc.boolean()),
});

const periods = (maxLength: number) =>
  fc.array(fc.record({ from: fc.integer({ min: -150, max: 250 }), length: fc.integer({ min: 1, max: 60 }) }), { maxLength });

export const scenarioArbitrary = fc.record({
  pivot: pivotDay,
  asOf: fc.oneof(fc.integer({ min: -60, max: 500 }), fc.constantFrom(0, 1, 14, 15, 42, 140)),
  assessment: maybe(assessmentChain),
  plan: maybe(planChain),
  move: maybe(moveChain),
  reassessment: maybe(fc.record({ request: fc.integer({ min: -100, max: 200 }), decision: maybe(fc.integer({ min: 0, max: 30 })) })),
  appeal: maybe(appealChain),
  order: maybe(fc.record({ at: fc.integer({ min: -100, max: 200 }), kind: fc.constantFrom("assess", "makePlan", "amend", "placement") })),
  unopposed: maybe(fc.record({ at: fc.integer({ min: -100, max: 200 }), kind: fc.constantFrom("assessment", "contents") })),
  closures: fc.array(fc.record({ from: fc.integer({ min: -150, max: 250 }), length: fc.integer({ min: 14, max: 50 }) }), { maxLength: 2 }),
  absences: periods(2),
  circumstances: periods(1),
});

export type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A scenario as the calculator's input: every date a real one, in an order the input accepts. */
export function toInput(s: Scenario): SrInput & CalculatorInput & { asOf: string } {
  const p = s.pivot;
  const events: Record<string, unknown> = {};
  const input: SrInput & CalculatorInput & { asOf: string } = { asOf: iso(p + s.asOf), events };
  const births: number[] = [];
  if (s.assessment) {
    const a = s.assessment;
    const r = p + a.start;
    births.push(r);
    events.requestReceived = iso(r);
    if (a.decision !== undefined) events.decisionNotified = iso(r + a.decision);
    if (a.advice.length) {
      events.adviceRequests = a.advice.map((x, i) => {
        const request: Record<string, unknown> = { service: SERVICES[i], received: iso(r + x.after), headOfInstitution: x.head };
        if (x.returnedAfter !== undefined) request.returned = iso(r + x.after + x.returnedAfter);
        return request;
      });
    }
    const o = a.outcome;
    if (o && "noPlan" in o) events.noPlanNoticeSent = iso(r + o.noPlan);
    if (o && "draft" in o) {
      events.draftServed = iso(r + o.draft);
      if (o.final !== undefined) events.finalPlanIssued = iso(r + o.draft + o.final);
    }
  }
  let planMade: number | undefined;
  if (s.plan) {
    const pl = s.plan;
    planMade = p + pl.made;
    births.push(planMade);
    events.planMade = iso(planMade);
    let last = planMade;
    if (pl.previous !== undefined) {
      last = planMade + pl.previous;
      events.previousReviewMeeting = iso(last);
    }
    if (pl.meeting !== undefined) {
      const m = last + pl.meeting;
      events.reviewMeeting = iso(m);
      if (pl.report !== undefined) events.reviewReportCirculated = iso(m + pl.report);
      if (pl.decision !== undefined) events.reviewDecisionNotified = iso(m + pl.decision);
      if (pl.notice !== undefined) {
        events.amendmentNoticeSent = iso(m + pl.notice);
        if (pl.amended !== undefined) events.amendedPlanIssued = iso(m + pl.notice + pl.amended);
      }
    }
    if (pl.underFive !== undefined) events.childUnderFive = pl.underFive;
    if (pl.phase) {
      const ph = pl.phase;
      if (ph.kind !== undefined) events.transferKind = ph.kind;
      if (ph.year !== undefined && ph.kind !== "post16Other") events.transferYear = ph.year;
      if (ph.kind === "post16Other" && ph.dateOffset !== undefined) events.transferDate = iso(p + ph.dateOffset);
      if (ph.finalised !== undefined) events.phaseTransferFinalised = iso(p + ph.finalised);
    }
  }
  if (s.move) {
    const mv = s.move;
    const aware = (planMade ?? p - 400) + mv.aware;
    events.oldCouncilAware = iso(aware);
    if (mv.moveAfter !== undefined) events.moveDate = iso(aware + mv.moveAfter);
    if (mv.inAfter !== undefined) {
      const transferred = aware + mv.inAfter;
      events.transferredIn = iso(transferred);
      // The new council's review: this year's meeting, after the transfer (and after any earlier one).
      if (mv.meetingAfterTransfer !== undefined && s.plan) {
        let meeting = transferred + mv.meetingAfterTransfer;
        const previous = typeof events.previousReviewMeeting === "string" ? dayOf(events.previousReviewMeeting) : undefined;
        if (previous !== undefined && meeting <= previous) meeting = previous + 1;
        if (planMade !== undefined && meeting < planMade) meeting = planMade;
        const old = typeof events.reviewMeeting === "string" ? dayOf(events.reviewMeeting) : undefined;
        events.reviewMeeting = iso(meeting);
        // Keep the review's own events after its meeting.
        for (const field of ["reviewReportCirculated", "reviewDecisionNotified", "amendmentNoticeSent", "amendedPlanIssued"]) {
          const value = events[field];
          if (typeof value === "string" && old !== undefined) events[field] = iso(dayOf(value) - old + meeting);
        }
      }
    }
  }
  if (s.reassessment) {
    const r = p + s.reassessment.request;
    events.reassessmentRequestReceived = iso(r);
    if (s.reassessment.decision !== undefined) events.reassessmentDecisionNotified = iso(r + s.reassessment.decision);
  }
  if (s.appeal) {
    const ap = s.appeal;
    const n = p + ap.notice;
    events.decisionNoticeSent = iso(n);
    if (ap.told !== undefined) {
      events.mediationAdviserTold = iso(n + ap.told);
      if (ap.certificate !== undefined) events.mediationCertificateIssued = iso(n + ap.told + ap.certificate);
    }
    if (ap.placementOnly !== undefined) events.placementOnlyAppeal = ap.placementOnly;
  }
  if (s.order) events.tribunalOrder = { date: iso(p + s.order.at), kind: s.order.kind };
  if (s.unopposed) events.unopposedNotice = { date: iso(p + s.unopposed.at), kind: s.unopposed.kind };
  if (s.plan?.ageDays !== undefined && births.length) events.childDateOfBirth = iso(Math.min(...births) - s.plan.ageDays);
  if (s.closures.length) input.closures = s.closures.map((c) => ({ from: iso(p + c.from), reopens: iso(p + c.from + c.length) }));
  if (s.absences.length) input.absences = s.absences.map((a) => ({ from: iso(p + a.from), to: iso(p + a.from + a.length - 1) }));
  if (s.circumstances.length)
    input.exceptionalCircumstances = s.circumstances.map((a) => ({ from: iso(p + a.from), to: iso(p + a.from + a.length - 1) }));
  return input;
}

// ---- The comparison -----------------------------------------------------------------------------

export interface Difference {
  /** key, with the subject in brackets when it has one */
  deadline: string;
  field: "presence" | "due" | "practical" | "status" | "daysLate";
  engine: unknown;
  secondReading: unknown;
}

const calendar = englandAndWalesCalendar();

export interface Comparison {
  /** Deadlines in either answer (by key and subject). */
  deadlines: number;
  /** Deadlines on which the two agree in presence, due, practical, status and days late. */
  agreeing: number;
  differences: Difference[];
  /** Set when the engine refused the input (the generator should never make such input). */
  rejected?: string;
  /** The second reading's answer, for counts. */
  second: SrOutput;
}

/** Runs one input through the engine and the second reading and lists every disagreement. */
export function compareReadings(input: SrInput & CalculatorInput & { asOf: string }, reading: typeof secondReading = secondReading): Comparison {
  const parsed = parseCalculatorInput(input);
  if (!parsed.ok)
    return {
      deadlines: 0,
      agreeing: 0,
      differences: [],
      rejected: parsed.errors.map((e) => e.message).join(" "),
      second: { deadlines: [], warnings: [] },
    };
  const engine = calculateDeadlines(parsed.value, { today: input.asOf, calendar });
  const second = reading(input);
  const label = (d: { key: string; subject?: string | undefined }) => (d.subject === undefined ? d.key : `${d.key} (${d.subject})`);
  const fromEngine = new Map(engine.deadlines.map((d) => [label(d), d]));
  const fromSecond = new Map(second.deadlines.map((d) => [label(d), d]));
  const differences: Difference[] = [];
  let agreeing = 0;
  const names = new Set([...fromEngine.keys(), ...fromSecond.keys()]);
  for (const name of names) {
    const e = fromEngine.get(name);
    const s = fromSecond.get(name);
    const before = differences.length;
    if (!e || !s) {
      differences.push({
        deadline: name,
        field: "presence",
        engine: e ? `${e.due} ${e.status}` : "absent",
        secondReading: s ? `${s.due} ${s.status}` : "absent",
      });
      continue;
    }
    for (const field of ["due", "practical", "status", "daysLate"] as const) {
      if (e[field] !== s[field]) differences.push({ deadline: name, field, engine: e[field], secondReading: s[field] });
    }
    if (differences.length === before) agreeing++;
  }
  return { deadlines: names.size, agreeing, differences, second };
}
