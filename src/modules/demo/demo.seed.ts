// Demo data for a first run: "Demo Borough Council" and one person per role. Never in production.
import type { Kysely } from "kysely";
import type { Role } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { readAs } from "../../platform/transaction.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { ClosureService } from "../closure/closure.service.ts";
import type { DeadlinesService } from "../deadlines/deadlines.service.ts";
import type { MeasureLinksService } from "../measures/measure-links.service.ts";
import type { MeasuresService } from "../measures/measures.service.ts";
import type { PeopleService } from "../people/people.service.ts";
import { southendPeerReview } from "../plans/demo/southend-peer-review-2022.ts";
import { thurrockWsoa } from "../plans/demo/thurrock-wsoa-2019.ts";
import type { PlansService } from "../plans/plans.service.ts";
import { seedMeasureBindings } from "./demo.bindings.ts";
import { seedSouthendClosure } from "./demo.closure.ts";
import { seedQualityHistory } from "./demo.quality.ts";
import { findDemoProgress } from "./demo.repository.ts";

export const DEMO_COUNCIL = { code: "DEMO", name: "Demo Borough Council" };
// A demo password is fine to print: the demo council holds no real data and production never seeds.
export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_USERS: { email: string; displayName: string; roles: Role[] }[] = [
  { email: "admin@demo-borough.example", displayName: "Alex Admin", roles: ["administrator"] },
  { email: "manager@demo-borough.example", displayName: "Sam Manager", roles: ["send_manager"] },
  { email: "caseworker@demo-borough.example", displayName: "Chris Caseworker", roles: ["caseworker"] },
  { email: "lead@demo-borough.example", displayName: "Lee Lead", roles: ["improvement_lead"] },
  { email: "board@demo-borough.example", displayName: "Bobbie Board", roles: ["board_member"] },
  { email: "councillor@demo-borough.example", displayName: "Cllr Casey", roles: ["councillor"] },
  { email: "partner@demo-borough.example", displayName: "Pat Partner", roles: ["partner"] },
  { email: "auditor@demo-borough.example", displayName: "Harper Health", roles: ["quality_auditor"] },
];

// The demo council's summer holidays, the closures long enough for the statutory exceptions.
export const DEMO_CLOSURES = [
  { description: "Summer holiday 2024", firstDayClosed: "2024-07-23", reopens: "2024-09-03" },
  { description: "Summer holiday 2025", firstDayClosed: "2025-07-22", reopens: "2025-09-03" },
  { description: "Summer holiday 2026", firstDayClosed: "2026-07-22", reopens: "2026-09-02" },
];

export const DEMO_CASELOAD = { plans: 2000, seed: 20260901 };

/**
 * Creates the demo council, its people and its data where they are not there yet; returns whether
 * it created anything. Each step is its own transaction and is skipped when already done, so a
 * seed stopped part-way (killed, or a step failed) is finished by running it again.
 */
export async function seedDemo(
  services: {
    db: Kysely<DB>;
    people: PeopleService;
    deadlines: DeadlinesService;
    plans: PlansService;
    cases: CasesService;
    closure?: ClosureService;
    measureLinks?: MeasureLinksService;
    measures?: MeasuresService;
    today?: () => string;
  },
  options: {
    caseload?: number;
    onStep?: (message: string) => void;
    closeSouthend?: boolean;
    qualityHistory?: boolean;
    /** Bind the demo plans' success measures to the registry's (issue 16); tests that count bindings leave it out. */
    bindMeasures?: boolean;
  } = {},
): Promise<boolean> {
  const { db, people, deadlines, plans, cases } = services;
  const say = options.onStep ?? (() => {});
  let created = false;
  let councilId = await people.councilIdForCode(DEMO_COUNCIL.code);
  if (!councilId) {
    say(`Creating demo data: ${DEMO_COUNCIL.name}, ${DEMO_USERS.length} people (one per role), ${DEMO_CLOSURES.length} summer holidays`);
    councilId = (await people.createCouncil(DEMO_COUNCIL)).id;
    created = true;
  }
  const system = { councilId, userId: null };
  const done = await readAs(db, system, (trx) => findDemoProgress(trx));
  for (const user of DEMO_USERS) {
    if (done.emails.has(user.email)) continue;
    await people.createUser(system, "system", { ...user, password: DEMO_PASSWORD });
    created = true;
  }
  for (const closure of DEMO_CLOSURES) {
    if (done.closures.has(`${closure.description}|${closure.firstDayClosed}|${closure.reopens}`)) continue;
    await deadlines.addClosure(system, "system", closure);
    created = true;
  }
  // Two real plans from published council papers (Southend LGA SEND peer review 2022, Thurrock
  // Written Statement of Action 2019), with their history.
  for (const plan of [southendPeerReview, thurrockWsoa]) {
    if (done.planIds.has(plan.externalId)) continue;
    say(`Adding the improvement plan "${plan.title}" from council papers, with its history`);
    await plans.createPlanFromSeed(system, plan);
    created = true;
  }
  // Southend's plan closed the seed 001 way, into the Area SEND Strategic Action Plan (issue 13).
  // The demo people see does this; tests that need Southend's plan open leave it out.
  if (options.closeSouthend && services.closure) {
    if (await seedSouthendClosure({ db, plans, closure: services.closure }, councilId, say)) created = true;
  }
  // A realistic caseload, generated (no real children): 2,000 plans with five years of history. It is
  // loaded in one transaction, so any case there means all of it is.
  const caseload = options.caseload ?? DEMO_CASELOAD.plans;
  if (caseload > 0 && done.cases === 0) {
    say(
      `Generating a caseload of ${caseload.toLocaleString("en-GB")} EHC plans with five years of requests and their history (made up: no real children), with their deadlines and worklists`,
    );
    const { cases: loaded } = await cases.generateCaseload(system, { plans: caseload, seed: DEMO_CASELOAD.seed });
    say(`Demo data created: ${loaded.toLocaleString("en-GB")} cases`);
    created = true;
  }
  // A year of audits, survey answers and complaints, and the Thurrock plan's measures bound to them
  // (issue 18). The demo people see has it; tests that count these rows leave it out.
  if (options.qualityHistory && services.today) {
    if (await seedQualityHistory(services, councilId, services.today(), say)) created = true;
  }
  // Thurrock's KPIs and Southend's measure bound to the casework measures (issue 16): the plans
  // show figures worked out from the caseload, and the ratings they propose.
  if (options.bindMeasures && services.measures && services.measureLinks && services.today) {
    const links = { db, measures: services.measures, measureLinks: services.measureLinks };
    if (await seedMeasureBindings(links, councilId, services.today(), say)) created = true;
  }
  return created;
}
