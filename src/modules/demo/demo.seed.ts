// Demo data for a first run: "Demo Borough Council" and one person per role. Never in production.
import type { Role } from "../../domain/roles.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { DeadlinesService } from "../deadlines/deadlines.service.ts";
import type { PeopleService } from "../people/people.service.ts";
import { southendPeerReview } from "../plans/demo/southend-peer-review-2022.ts";
import { thurrockWsoa } from "../plans/demo/thurrock-wsoa-2019.ts";
import type { PlansService } from "../plans/plans.service.ts";

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
];

// The demo council's summer holidays, the closures long enough for the statutory exceptions.
export const DEMO_CLOSURES = [
  { description: "Summer holiday 2024", firstDayClosed: "2024-07-23", reopens: "2024-09-03" },
  { description: "Summer holiday 2025", firstDayClosed: "2025-07-22", reopens: "2025-09-03" },
  { description: "Summer holiday 2026", firstDayClosed: "2026-07-22", reopens: "2026-09-02" },
];

/** Creates the demo council, its people and its data if they are not there; returns whether it did. */
export const DEMO_CASELOAD = { plans: 2000, seed: 20260901 };

export async function seedDemo(
  services: { people: PeopleService; deadlines: DeadlinesService; plans: PlansService; cases: CasesService },
  options: { caseload?: number; onStep?: (message: string) => void } = {},
): Promise<boolean> {
  const { people, deadlines, plans, cases } = services;
  const say = options.onStep ?? (() => {});
  if (await people.councilIdForCode(DEMO_COUNCIL.code)) return false;
  say(`Creating demo data: ${DEMO_COUNCIL.name}, ${DEMO_USERS.length} people (one per role), ${DEMO_CLOSURES.length} summer holidays`);
  const council = await people.createCouncil(DEMO_COUNCIL);
  const system = { councilId: council.id, userId: null };
  for (const user of DEMO_USERS) await people.createUser(system, "system", { ...user, password: DEMO_PASSWORD });
  for (const closure of DEMO_CLOSURES) await deadlines.addClosure(system, "system", closure);
  // Two real plans from published council papers (Southend LGA SEND peer review 2022, Thurrock
  // Written Statement of Action 2019), with their history.
  say("Adding 2 improvement plans from council papers (Southend 2022, Thurrock 2019) with their history");
  for (const plan of [southendPeerReview, thurrockWsoa]) await plans.createPlanFromSeed(system, plan);
  // A realistic caseload, generated (no real children): 2,000 plans and a year of requests.
  const caseload = options.caseload ?? DEMO_CASELOAD.plans;
  if (caseload > 0) {
    say(
      `Generating a caseload of ${caseload.toLocaleString("en-GB")} EHC plans and a year of requests (made up: no real children), with their deadlines and worklists`,
    );
    const { cases: loaded } = await cases.generateCaseload(system, { plans: caseload, seed: DEMO_CASELOAD.seed });
    say(`Demo data created: ${loaded.toLocaleString("en-GB")} cases`);
  }
  return true;
}
