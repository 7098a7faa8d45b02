// Demo data for a first run: "Demo Borough Council" and one person per role. Never in production.
import type { Role } from "../../domain/roles.ts";
import type { PeopleService } from "../people/people.service.ts";

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

/** Creates the demo council and its people if they are not there; returns whether it did. */
export async function seedDemo(people: PeopleService): Promise<boolean> {
  if (await people.councilIdForCode(DEMO_COUNCIL.code)) return false;
  const council = await people.createCouncil(DEMO_COUNCIL);
  for (const user of DEMO_USERS) {
    await people.createUser({ councilId: council.id, userId: null }, "system", { ...user, password: DEMO_PASSWORD });
  }
  return true;
}
