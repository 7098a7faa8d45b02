// The demo plans' success measures bound to the registry's measures (issue 16 part 5, "the demo
// tells the truth"): Thurrock's WSOA KPIs (seed 002) and Southend's "refusal to assess" measure
// (seed 000), so the demo's plans show figures and proposed ratings worked out from the demo
// caseload. The quality measures (audits good or better, contacts answered in 5 working days) are
// bound by demo.quality.ts. Baselines and targets come from the papers where they give them; where
// a paper gives none, the figure used and why is written beside it.
import type { Kysely } from "kysely";
import { ENGLAND } from "../../domain/measures/england.ts";
import type { RegistryId } from "../../domain/measures/registry.ts";
import type { DB } from "../../platform/db-types.ts";
import { readAs } from "../../platform/transaction.ts";
import type { MeasureLinksService } from "../measures/measure-links.service.ts";
import type { MeasuresService } from "../measures/measures.service.ts";
import { listLinkedThurrockActions } from "./demo.repository.ts";

const england2021 = ENGLAND.find((e) => e.year === 2021);
/** England's 2021 refusal-to-assess rate (20,830 of 93,302 requests): 22.3%. */
const ENGLAND_REFUSAL_2021 =
  england2021?.refusedToAssess && england2021.requests ? Math.round((1000 * england2021.refusedToAssess) / england2021.requests) / 10 : 22.3;

interface Binding {
  externalId: string;
  measureId: RegistryId;
  /** From the paper; null: the demo caseload's own figure for the 12 months to the baseline date. */
  baseline: { value: number; date: string } | null;
  targetValue: number;
  /** Null: the next 31 March after today (the end of the council's year, as demo.quality.ts does). */
  targetDate: string | null;
}

export const DEMO_REGISTRY_BINDINGS: readonly Binding[] = [
  // Thurrock WSOA, significant weakness 3's KPIs: "Increase in EHCPs completed within 20 weeks from
  // the 2018 baseline". The demo caseload has no 2018, so the baseline is its own figure three
  // years back; the paper names no target, so it is the issue's example, 60%. Action 7.1's
  // success measure: "Improved practice, reduction in complaints, timescales met".
  { externalId: "thurrock-wsoa-2019-3.7.1", measureId: "within20WeeksInclExceptions", baseline: null, targetValue: 60, targetDate: null },
  // "% of EHCPs that were reviewed within required timescales"; the aim: "Annual review to be
  // completed within timeframes" (100%). Action 6.1 is the annual review process.
  { externalId: "thurrock-wsoa-2019-3.6.1", measureId: "reviewsOnTime", baseline: null, targetValue: 100, targetDate: null },
  // "% of EHCPs finalised within 12 weeks of the AR meeting where the decision taken was to amend the Plan".
  { externalId: "thurrock-wsoa-2019-3.6.1", measureId: "amendedWithin12Weeks", baseline: null, targetValue: 100, targetDate: null },
  // Significant weakness 2, action 6: "100% of all out of borough provisions are visited utilising the quality assurance framework".
  { externalId: "thurrock-wsoa-2019-2.6.1", measureId: "visitedIn12Months", baseline: null, targetValue: 100, targetDate: null },
  // Southend peer review 2022, recommendation 6a, "Reduce the number of refusal to assess": the
  // paper's baseline is 2020's 48% ("the recent SEN2 submission ... for 2021 indicates the DNA has
  // significantly reduced to 35%"); its aim is to sit below comparable councils, for which
  // England's 2021 rate stands, by the plan's close (June 2023).
  {
    externalId: "southend-2022-6a.1",
    measureId: "refusalRate",
    baseline: { value: 48, date: "2020-12-31" },
    targetValue: ENGLAND_REFUSAL_2021,
    targetDate: "2023-06-30",
  },
];

/** Binds the demo plans' measures once, as a lead would (each binding audited); returns whether it bound any. */
export async function seedMeasureBindings(
  services: { db: Kysely<DB>; measures: MeasuresService; measureLinks: MeasureLinksService },
  councilId: string,
  today: string,
  say: (message: string) => void = () => {},
): Promise<boolean> {
  const system = { councilId, userId: null };
  const actions = await readAs(services.db, system, (trx) =>
    listLinkedThurrockActions(trx, [...new Set(DEMO_REGISTRY_BINDINGS.map((b) => b.externalId))]),
  );
  const todo = DEMO_REGISTRY_BINDINGS.filter((b) => actions.some((a) => a.external_id === b.externalId && !a.bound.includes(b.measureId)));
  if (!todo.length) return false;
  say("Binding the Thurrock and Southend plans' success measures to the measures worked out from the caseload");
  const year = Number(today.slice(0, 4));
  const baselineDate = `${year - 3}-12-31`;
  const targetDate = `${year + (today.slice(5) > "03-31" ? 1 : 0)}-03-31`;
  const figures = (await services.measures.forPeriod(system, "system", services.measureLinks.livePeriod(baselineDate))).values;
  let bound = false;
  for (const binding of todo) {
    const action = actions.find((a) => a.external_id === binding.externalId);
    const computed = figures.find((f) => f.id === binding.measureId)?.value ?? null;
    const baseline = binding.baseline ?? (computed === null ? null : { value: computed, date: baselineDate });
    if (!action || !baseline) continue;
    await services.measureLinks.bind(system, ["improvement_lead"], action.id, {
      measureId: binding.measureId,
      targetValue: String(binding.targetValue),
      targetDate: binding.targetDate ?? targetDate,
      baselineValue: String(baseline.value),
      baselineDate: baseline.date,
    });
    bound = true;
  }
  return bound;
}
