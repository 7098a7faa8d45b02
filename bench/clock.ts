// Benchmark of the statutory clock: a synthetic national caseload, every deadline worked out.
// Run: npx tsx bench/clock.ts
//
// Size from DfE "Education, health and care plans" (src/domain/measures/reference; a national
// installation: about 640,000 plans and 155,000 requests
// a year). The caseload is built deterministically from a seeded PRNG, so every run computes the
// same thing. Target: under 2 seconds on one core for the whole caseload.

import { englandAndWalesCalendar } from "../src/domain/bank-holidays.ts";
import { fromDayNumber, toDayNumber } from "../src/domain/dates.ts";
import { calculateDeadlines } from "../src/domain/statutory/calculator.ts";
import type { AdviceRequest, CalculatorInput } from "../src/domain/statutory/input.ts";
import { parseCalculatorInput } from "../src/domain/statutory/input.ts";

const PLANS = 640_000;
const REQUESTS = 155_000;
const TARGET_SECONDS = 2;
const TODAY = "2026-03-09";
const SEED = 20140901;

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (p: number) => random() < p;
const today = toDayNumber(TODAY);
const date = (dayNumber: number) => fromDayNumber(dayNumber);

function buildPlan(): CalculatorInput {
  const dateOfBirth = between(toDayNumber("2003-09-01"), toDayNumber("2023-06-30"));
  const planMade = Math.max(dateOfBirth + 400, between(toDayNumber("2015-09-01"), today - 30));
  const events: CalculatorInput["events"] = { planMade: date(planMade), childDateOfBirth: date(dateOfBirth) };
  // Most plans have had reviews; the last one about a year before the current cycle.
  const yearsOld = Math.floor((today - planMade) / 365);
  let cycleStart = planMade;
  if (yearsOld >= 1) {
    cycleStart = Math.min(today - 200, planMade + 365 * (yearsOld - 1) + between(-20, 40));
    if (cycleStart > planMade) events.previousReviewMeeting = date(cycleStart);
    else cycleStart = planMade;
  }
  if (chance(0.7)) {
    const meeting = cycleStart + between(300, 400);
    events.reviewMeeting = date(meeting);
    if (meeting < today) {
      if (chance(0.8)) events.reviewReportCirculated = date(meeting + between(5, 25));
      if (chance(0.45)) {
        const notice = meeting + between(10, 40);
        events.amendmentNoticeSent = date(notice);
        if (chance(0.6)) events.amendedPlanIssued = date(notice + between(20, 90));
      } else if (chance(0.8)) {
        events.reviewDecisionNotified = date(meeting + between(7, 35));
      }
    }
  }
  // Councils with middle schools record the transfer year; the rest is worked out from birth.
  if (chance(0.05)) {
    events.transferKind = "school";
    events.transferYear = 2026 + between(0, 2);
  }
  if (chance(0.1)) events.phaseTransferFinalised = date(today - between(0, 60));
  return { events };
}

const SERVICES = ["Educational psychology", "Health", "Social care", "School"];
const SUMMER = [{ from: "2025-07-23", reopens: "2025-09-03" }];

function buildRequest(): CalculatorInput {
  const received = today - between(0, 280);
  const events: CalculatorInput["events"] = { requestReceived: date(received) };
  if (received + 35 < today || chance(0.3)) events.decisionNotified = date(received + between(20, 50));
  if (received + 45 < today) {
    const adviceRequests: AdviceRequest[] = SERVICES.map((service) => {
      const asked = received + between(40, 50);
      const request: AdviceRequest = { service, received: date(asked), headOfInstitution: service === "School" };
      if (asked + 30 < today && chance(0.7)) request.returned = date(asked + between(25, 60));
      return request;
    });
    events.adviceRequests = adviceRequests;
  }
  if (received + 100 < today && chance(0.8)) events.draftServed = date(received + between(90, 120));
  if (events.draftServed && received + 125 < today && chance(0.7)) events.finalPlanIssued = date(toDayNumber(events.draftServed) + between(15, 40));
  const input: CalculatorInput = { events, closures: SUMMER };
  if (chance(0.03)) input.absences = [{ from: date(received + 20), to: date(received + 55) }];
  if (chance(0.03)) input.exceptionalCircumstances = [{ from: date(received + 60), to: date(received + 70), reason: "illness" }];
  return input;
}

console.log(
  `Building a synthetic caseload: ${PLANS.toLocaleString("en-GB")} plans and ${REQUESTS.toLocaleString("en-GB")} requests (seed ${SEED})...`,
);
const cases: CalculatorInput[] = [];
for (let i = 0; i < PLANS; i++) cases.push(buildPlan());
for (let i = 0; i < REQUESTS; i++) cases.push(buildRequest());

const calendar = englandAndWalesCalendar();
const options = { today: TODAY, calendar };

// 1. The clock itself on validated input: what a worklist or a nightly refresh does. Three
// passes (the first includes warming up the JIT); the median is the figure, which keeps a
// busy machine from deciding the result.
const RUNS = 3;
let deadlines = 0;
const runs: number[] = [];
for (let run = 0; run < RUNS; run++) {
  deadlines = 0;
  const start = performance.now();
  for (const input of cases) deadlines += calculateDeadlines(input, options).deadlines.length;
  runs.push((performance.now() - start) / 1000);
}
const seconds = [...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;

// Not timed: what the caseload looks like, to show the work is real.
const statuses = new Map<string, number>();
for (const input of cases) {
  for (const d of calculateDeadlines(input, options).deadlines) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
}

// 2. The full request path of the API and the command line: validate, then calculate.
const start = performance.now();
let rejected = 0;
for (const input of cases) {
  const parsed = parseCalculatorInput(input);
  if (parsed.ok) calculateDeadlines(parsed.value, options);
  else rejected++;
}
const fullSeconds = (performance.now() - start) / 1000;

const perSecond = (n: number, s: number) => Math.round(n / s).toLocaleString("en-GB");
console.log(`Cases: ${cases.length.toLocaleString("en-GB")}; deadlines computed: ${deadlines.toLocaleString("en-GB")}`);
console.log(`Statuses: ${[...statuses].map(([s, n]) => `${s} ${n.toLocaleString("en-GB")}`).join(", ")}`);
console.log(
  `Clock: ${seconds.toFixed(2)} s total (median of ${runs.map((r) => r.toFixed(2)).join(", ")} s), ${perSecond(cases.length, seconds)} cases per second (one core)`,
);
console.log(
  `Validate + clock: ${fullSeconds.toFixed(2)} s total, ${perSecond(cases.length, fullSeconds)} cases per second${rejected ? `, ${rejected} rejected` : ""}`,
);
console.log(
  `Target: every deadline of the national caseload in under ${TARGET_SECONDS} s on one core: ${seconds < TARGET_SECONDS ? "met" : "NOT met"}`,
);
process.exitCode = seconds < TARGET_SECONDS ? 0 : 1;
