// The demo's year of quality evidence (issue 18, "What it must show"): audits, survey answers and
// complaints in each of the 12 months to today, and the Thurrock plan's quality and communication
// success measures bound to the quality measures, each with a figure. Added once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { THURROCK_BINDINGS } from "./demo.quality.ts";
import { seedDemo } from "./demo.seed.ts";

const TODAY = "2026-12-07";
let testDb: TestDatabase;
let system: Awaited<ReturnType<typeof openSystem>>;
before(async () => {
  testDb = await openTestDatabase();
  system = await openSystem(testDb.database, { today: () => TODAY });
});
after(async () => {
  await system.close();
  await testDb.close();
});

test("a year of audits, answers and complaints; the Thurrock plan's measures bound to them show figures", async () => {
  assert.equal(await seedDemo(system, { caseload: 30, qualityHistory: true }), true);
  const councilId = (await system.people.councilIdForCode("DEMO")) as string;
  const actor = { councilId, userId: null };
  const months = await readAs(system.db, actor, async (trx) => ({
    audits: new Set(
      (await trx.selectFrom("quality_audit").select("agreed_on").where("state", "=", "agreed").execute()).map((r) => r.agreed_on?.slice(0, 7)),
    ),
    answers: new Set((await trx.selectFrom("survey_response").select("answered_month").execute()).map((r) => r.answered_month.slice(0, 7))),
    complaints: new Set((await trx.selectFrom("complaint").select("received_on").execute()).map((r) => r.received_on.slice(0, 7))),
    open: await trx.selectFrom("complaint_stage").select(["due_on"]).where("responded_on", "is", null).execute(),
  }));
  assert.equal(months.answers.size, 12, "survey answers in each of the 12 months");
  assert.equal(months.complaints.size, 12, "contacts in each of the 12 months");
  assert.ok(months.audits.size >= 11, `audits agreed in most months (${months.audits.size})`);
  assert.ok(months.open.length > 0, "some still open, for the worklists");

  const figures = await system.qualityMeasures.forPeriod(actor, "system", { from: "2026-01-01", to: "2026-12-07", label: "2026" });
  for (const f of figures) assert.ok(f.value !== null && f.value > 0, `${f.id} has a figure (${f.value})`);

  const plan = await readAs(system.db, actor, (trx) =>
    trx.selectFrom("plan").select("id").where("external_id", "=", "thurrock-wsoa-2019").executeTakeFirstOrThrow(),
  );
  const check = await system.measureLinks.forPlan(actor, ["improvement_lead"], plan.id);
  const bound = check.actions.flatMap((a) => a.links);
  assert.deepEqual(bound.map((l) => l.measureId).sort(), THURROCK_BINDINGS.map((b) => b.measureId).sort());
  for (const link of bound) assert.ok(link.actual !== null, `${link.measureId}: ${link.assessment.sentence}`);

  const count = () => readAs(system.db, actor, async (trx) => (await trx.selectFrom("complaint").select("id").execute()).length + bound.length);
  const before = await count();
  assert.equal(await seedDemo(system, { caseload: 30, qualityHistory: true }), false, "added once");
  assert.equal(await count(), before);
});
