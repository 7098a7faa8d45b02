// The demo's closing of Southend's LGA peer review plan, the seed 001 way: the in-depth scrutiny
// project's final report (June 2023) sorts the plan's actions into completed, business as usual,
// carried into the Area SEND Strategic Action Plan, and actions still to be undertaken by the
// Council. Each action's June 2023 position is in the commentary of its last update
// (src/modules/plans/demo/southend-peer-review-2022.ts); this reads it back as a disposition, adds
// the Area SEND Strategic Action Plan to receive the carried actions, and closes the plan on the
// report's date. The narratives under each group are the report's own words, shortened.
import type { Kysely } from "kysely";
import type { PlanSeed } from "../../domain/plans/types.ts";
import type { DB } from "../../platform/db-types.ts";
import { readAs } from "../../platform/transaction.ts";
import type { ClosureService } from "../closure/closure.service.ts";
import { southendPeerReview } from "../plans/demo/southend-peer-review-2022.ts";
import type { ClosureDisposition, PlansService } from "../plans/plans.service.ts";

/** The date of the final report's closing table, as the demo's history has it. */
export const SOUTHEND_CLOSED_ON = "2023-06-13";

/**
 * The Area SEND Strategic Action Plan, which the Area SEND Partnership had to publish within 30
 * working days of the Area SEND inspection report (seed 001, recommendation 2). Its own content is
 * not in the papers: the demo holds only what Southend's plan carried into it. Its dates are
 * illustrative.
 */
export const areaSendPlan: PlanSeed = {
  externalId: "southend-area-send-strategic-action-plan-2023",
  title: "Area SEND Strategic Action Plan",
  type: "strategy",
  source: { title: "Area SEND inspection report (Ofsted and CQC), inspection of February and March 2023", date: "2023-04-24" },
  owner: "Southend Area SEND Partnership",
  scheme: "four-state",
  cadence:
    "Updates to the Southend SEND Strategic Partnership, the Health and Wellbeing Board and the DfE; mid and end of year reports to People Scrutiny Committee",
  approvedOn: "2023-06-05",
  forums: [],
  sections: [],
};

/** Seed 001's words under each group of its closing table. */
export const SEED_001_NARRATIVES: Record<string, string> = {
  completed: "Actions that have been completed.",
  "business-as-usual":
    "Actions that are business as usual for the Council's SEND and CWD service. Existing business as usual performance monitoring arrangements of Council SEND Services oversee them.",
  carried:
    "Actions that will be incorporated within the new Area SEND Strategic Plan that the Area SEND Partnership is required to produce and publish within 30 working days of the publication of the Area SEND inspection report. Monitoring and oversight will be through updates and reports on the Area SEND Strategic Action Plan to the Southend SEND Strategic Partnership, the Southend Health and Well Being Board and the Department for Education.",
  owner:
    "Those specific outstanding actions to be undertaken by the Council. Feedback from the teams within the Council that lead and deliver the Councillor training offer will show their progress.",
};

const CLOSING = /^Closing position \(June 2023\): (.*)$/s;

/** Pure: the disposition a closing commentary gives, or none for an action that simply completed. */
export function dispositionFromClosing(commentary: string): Omit<ClosureDisposition, "actionId" | "targetPlanId"> | undefined {
  const said = CLOSING.exec(commentary)?.[1];
  if (!said) return undefined;
  const note = (said.split(" – ")[1] ?? said).trim();
  if (/^business as usual/i.test(said)) return { disposition: "business-as-usual", note };
  if (/carried into the Area SEND Strategic Action Plan/i.test(said)) return { disposition: "carried", note };
  if (/^action to be undertaken by the Council/i.test(said)) return { disposition: "owner", owner: "The Council", note };
  return undefined;
}

/** Adds the Area plan and closes Southend's plan into it, unless that was done already. */
export async function seedSouthendClosure(
  services: { db: Kysely<DB>; plans: PlansService; closure: ClosureService },
  councilId: string,
  say: (message: string) => void = () => {},
): Promise<boolean> {
  const { db, plans, closure } = services;
  const system = { councilId, userId: null };
  const state = await readAs(db, system, async (trx) => ({
    southend: await trx.selectFrom("plan").select(["id", "state"]).where("external_id", "=", southendPeerReview.externalId).executeTakeFirst(),
    area: await trx.selectFrom("plan").select("id").where("external_id", "=", areaSendPlan.externalId).executeTakeFirst(),
    lead: await trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirst(),
  }));
  if (!state.southend || !state.lead || state.southend.state === "closed") return false;
  say(`Closing "${southendPeerReview.title}" the way its June 2023 final report did, carrying actions into the "${areaSendPlan.title}"`);
  const areaId = state.area?.id ?? (await plans.createPlanFromSeed(system, areaSendPlan)).id;
  const lead = { id: state.lead.id, councilId, roles: ["improvement_lead" as const] };
  const loaded = await plans.loadPlan(system, "system", state.southend.id);
  const dispositions: ClosureDisposition[] = loaded.actions.flatMap((action) => {
    const last = (loaded.updatesByAction.get(action.id) ?? []).at(-1);
    const complete = loaded.plan.scheme.statuses.find((s) => s.code === last?.status)?.complete;
    // Recommendation 2 of the final report: "any remaining actions from the LGA peer review are
    // incorporated into the SEND Area Strategic Action Plan", so an open action with no closing
    // position of its own is carried too.
    const found =
      (last ? dispositionFromClosing(last.commentary) : undefined) ??
      (complete
        ? undefined
        : {
            disposition: "carried" as const,
            note: "A remaining action, incorporated into the Area SEND Strategic Action Plan (final report, recommendation 2).",
          });
    if (!found) return [];
    return [{ actionId: action.id, ...found, ...(found.disposition === "carried" ? { targetPlanId: areaId } : {}) }];
  });
  await plans.closePlan(lead, state.southend.id, dispositions, {}, { on: SOUTHEND_CLOSED_ON });
  const narratives = Object.fromEntries(Object.entries(SEED_001_NARRATIVES).map(([code, text]) => [`narrative-${code}`, text]));
  await closure.saveNarratives(lead, state.southend.id, narratives);
  return true;
}
