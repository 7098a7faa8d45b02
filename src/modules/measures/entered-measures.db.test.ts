// Measures entered by hand (issue 16 part 2) on a real database: a definition and its figures, each
// change one audited transaction; a correction supersedes (the history kept); the figure as at a
// day; another council's measure is not there; bad input saves nothing; and a success measure bound
// to an entered measure gets its proposed rating from the figure as at today.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { StatusScheme } from "../../domain/plans/types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { southendPeerReview } from "../plans/demo/southend-peer-review-2022.ts";

const TODAY = "2026-12-07";

describe("measures entered by hand", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let userId: string;
  const actor = () => ({ councilId, userId });
  const lead = ["improvement_lead"];
  const audit = (action: string) =>
    readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "subject_id", "before", "after"]).where("action", "=", action).orderBy("id").execute(),
    );
  const rows = async () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      measures: (await trx.selectFrom("entered_measure").select("id").execute()).length,
      entries: (await trx.selectFrom("entered_measure_entry").select("id").execute()).length,
    }));
  const define = (title: string, extra: Record<string, string> = {}) =>
    system.enteredMeasures.define(actor(), lead, {
      title,
      unit: "percent",
      higherIsBetter: "yes",
      description: "EHC plans judged good or better in the quarterly audit, from the audit tool",
      ...extra,
    });

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => TODAY });
    councilId = (await system.people.createCouncil({ code: "ENTERED", name: "Entered Council" })).id;
    userId = (
      await system.people.createUser({ councilId, userId: null }, "system", {
        email: "lead@entered.example",
        displayName: "Lee Lead",
        password: "a long enough password",
        roles: "improvement_lead",
      })
    ).id;
    await system.plans.createPlanFromSeed({ councilId, userId }, southendPeerReview);
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a measure is defined and its figures entered, each one audited; the figure as at a day is the latest on or before it", async () => {
    const measure = await define("Plans audited good or better");
    const [defined] = await audit("enteredMeasure.defined");
    assert.equal(defined?.subject_id, measure.id);
    await system.enteredMeasures.enter(actor(), lead, measure.id, { value: "40", date: "2026-03-31", source: "Q4 audit report" });
    await system.enteredMeasures.enter(actor(), lead, measure.id, {
      value: "48.5",
      date: "2026-06-30",
      source: "Q1 audit report",
      note: "Moderated",
    });
    assert.equal((await audit("enteredMeasure.actualEntered")).length, 2);

    const at = async (day: string) =>
      (await system.enteredMeasures.forPeriod(actor(), "system", { from: "2026-01-01", to: day, label: day })).find((f) => f.id === measure.id);
    assert.equal((await at("2026-03-30"))?.asAt, null, "nothing entered for that day or before");
    assert.equal((await at("2026-03-31"))?.asAt?.value, 40);
    assert.equal((await at("2026-06-29"))?.asAt?.value, 40);
    const june = await at("2026-06-30");
    assert.deepEqual([june?.asAt?.value, june?.asAt?.source, june?.asAt?.note], [48.5, "Q1 audit report", "Moderated"]);
    assert.deepEqual(
      june?.entries.map((e) => e.date),
      ["2026-03-31", "2026-06-30"],
    );
    // A second figure for the same day is refused: it is corrected instead.
    await assert.rejects(
      system.enteredMeasures.enter(actor(), lead, measure.id, { value: "41", date: "2026-03-31", source: "again" }),
      (e) => e instanceof InvalidInput && e.problems[0]?.field === "date" && /correct it instead/.test(e.problems[0].message),
    );
  });

  test("a correction supersedes the figure: the history keeps both, the as-at figure is the corrected one, and it is audited with its reason", async () => {
    const measure = await define("Families who agreed the plan reflects their child");
    const first = await system.enteredMeasures.enter(actor(), lead, measure.id, { value: "70", date: "2026-09-30", source: "Survey, September" });
    const fixed = await system.enteredMeasures.correct(actor(), lead, measure.id, first.id, {
      value: "67",
      date: "2026-09-30",
      source: "Survey, September (reweighted)",
      reason: "The first count included a duplicate return",
    });
    const view = await system.enteredMeasures.get(actor(), lead, measure.id);
    assert.deepEqual(
      view.entries.map((e) => [e.value, e.supersedes, e.correctedBy]),
      [
        [70, null, fixed.id],
        [67, first.id, null],
      ],
    );
    const asAt = (await system.enteredMeasures.forPeriod(actor(), "system", { from: "2026-01-01", to: TODAY, label: "" })).find(
      (f) => f.id === measure.id,
    );
    assert.equal(asAt?.asAt?.value, 67);
    assert.deepEqual(
      asAt?.entries.map((e) => e.value),
      [67],
      "the corrected figure is left out of the period's figures",
    );
    const [corrected] = await audit("enteredMeasure.actualCorrected");
    assert.ok(corrected);
    assert.equal((corrected.before as { value: number }).value, 70);
    assert.equal((corrected.after as { reason: string }).reason, "The first count included a duplicate return");
    // Only the latest can be corrected; the old row was not changed (the table takes no UPDATE).
    await assert.rejects(
      system.enteredMeasures.correct(actor(), lead, measure.id, first.id, { value: "66", date: "2026-09-30", source: "x", reason: "again" }),
      (e) => e instanceof InvalidInput && /already been corrected/.test(e.problems[0]?.message ?? ""),
    );
    await assert.rejects(
      readAs(system.db, actor(), (trx) => trx.updateTable("entered_measure_entry").set({ source: "edited" }).where("id", "=", first.id).execute()),
      /permission denied/,
    );
  });

  test("bad input saves nothing and says what and where: impossible dates, a future date, a percentage over 100, a forged field", async () => {
    const measure = await define("Audit moderation agreement");
    const before = await rows();
    const refused = async (body: Record<string, string>, field: string, message: RegExp) =>
      assert.rejects(system.enteredMeasures.enter(actor(), lead, measure.id, body), (e) => {
        assert.ok(e instanceof InvalidInput);
        const problem = e.problems.find((p) => p.field === field);
        assert.ok(problem, `${field} named in ${JSON.stringify(e.problems)}`);
        assert.match(problem.message, message);
        return true;
      });
    const good = { value: "50", source: "Moderation log" };
    await refused({ ...good, "date-day": "31", "date-month": "2", "date-year": "2026" }, "date", /31\/2\/2026 does not exist/);
    await refused({ ...good, date: "2026-02-30" }, "date", /must be a real date/);
    await refused({ ...good, date: "2027-01-01" }, "date", /today or earlier/);
    await refused({ ...good, date: "1999-12-31" }, "date", /2000 or later/);
    await refused({ ...good, value: "101", date: "2026-06-30" }, "value", /percentage: enter 0 to 100/);
    await refused({ ...good, value: "lots", date: "2026-06-30" }, "value", /must be a number/);
    await refused({ value: "50", date: "2026-06-30", source: "" }, "source", /Enter where the figure comes from/);
    await refused({ ...good, date: "2026-06-30", councilId: "forged" }, "main-content", /sent a field it does not have: councilId/);
    await assert.rejects(
      define("Audit moderation agreement"),
      (e) => e instanceof InvalidInput && /already a measure called/.test(e.problems[0]?.message ?? ""),
    );
    await assert.rejects(define("Another", { unit: "pounds" }), (e) => e instanceof InvalidInput && e.problems[0]?.field === "unit");
    assert.deepEqual(await rows(), before, "nothing saved");
  });

  test("roles and councils: readers may not enter; another council's measure is not found, nor bindable", async () => {
    const measure = await define("Caseworker supervision held");
    await assert.rejects(system.enteredMeasures.define(actor(), ["caseworker"], {}), NotAllowed);
    await assert.rejects(system.enteredMeasures.enter(actor(), ["councillor"], measure.id, {}), NotAllowed);
    assert.ok(await system.enteredMeasures.get(actor(), ["councillor"], measure.id), "a councillor reads it");
    const other = await system.people.createCouncil({ code: "ELSEW", name: "Elsewhere Council" });
    const them = { councilId: other.id, userId: null };
    await assert.rejects(system.enteredMeasures.get(them, "system", measure.id), NotFound);
    await assert.rejects(
      system.enteredMeasures.enter(them, ["administrator"], measure.id, { value: "1", date: "2026-06-30", source: "x" }),
      NotFound,
    );
    assert.deepEqual(await system.enteredMeasures.list(them, "system"), []);
    // Row-level security as the backstop: the other council cannot insert an entry against it.
    await assert.rejects(
      readAs(system.db, them, (trx) =>
        trx
          .insertInto("entered_measure_entry")
          .values({ council_id: councilId, measure_id: measure.id, value: "1", date: "2026-06-30", source: "forged" })
          .execute(),
      ),
      /row-level security/,
    );
  });

  test("a success measure bound to an entered measure: the proposed rating from the figure as at today, and whether it supports the lead's", async () => {
    const measure = await define("Plans audited good or better this year");
    await system.enteredMeasures.enter(actor(), lead, measure.id, { value: "30", date: "2026-03-31", source: "Q4 audit" });
    await system.enteredMeasures.enter(actor(), lead, measure.id, { value: "45", date: "2026-09-30", source: "Q2 audit" });
    // A figure for a day after today's would not count, but the form refuses one anyway; today is 7 December.
    const plan = (await system.plans.listPlansAs({ councilId, userId: null }))[0];
    assert.ok(plan);
    const { actionId, green } = await readAs(system.db, { councilId, userId: null }, async (trx) => {
      const action = await trx.selectFrom("plan_action").select("id").where("plan_id", "=", plan.id).executeTakeFirstOrThrow();
      const scheme = (await trx.selectFrom("plan").select("status_scheme").where("id", "=", plan.id).executeTakeFirstOrThrow())
        .status_scheme as StatusScheme;
      return { actionId: action.id, green: scheme.statuses.find((s) => s.colour === "green" || s.onTrack) };
    });
    assert.ok(green);
    const user = { id: userId, councilId, roles: ["improvement_lead" as const], displayName: "Lee Lead" };
    await system.plans.addUpdate(user, actionId, { date: TODAY, status: green.code, commentary: "On track." });

    // Baseline 30% on 31 March 2026, target 70% by 31 March 2027: 251 of 365 days on, the line is
    // 30 + 40 × 251/365 = 57.5% today.
    const link = await system.measureLinks.bind(actor(), lead, actionId, {
      measureId: `entered:${measure.id}`,
      targetValue: "70",
      targetDate: "2027-03-31",
      baselineValue: "30",
      baselineDate: "2026-03-31",
    });
    const [bound] = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("action_measure_link").select(["measure_id", "entered_measure_id"]).where("id", "=", link.id).execute(),
    );
    assert.deepEqual(bound, { measure_id: `entered:${measure.id}`, entered_measure_id: measure.id });
    const result = await system.measureLinks.forAction(actor(), lead, actionId);
    const mine = result.links.find((l) => l.id === link.id);
    assert.ok(mine);
    assert.equal(mine.actual, 45, "the latest figure on or before today");
    assert.deepEqual(mine.entry, { date: "2026-09-30", source: "Q2 audit" });
    assert.equal(mine.title, "Plans audited good or better this year");
    // 45 is more than 5 points under the line (57.5): off track, which a green rating is not supported by.
    assert.equal(mine.assessment.expected, 57.5);
    assert.equal(mine.assessment.proposed, "off track");
    assert.equal(mine.assessment.supportsRating, false);
    assert.match(mine.assessment.sentence, /but the measure is 45% against a target of 70% by 31 March 2027/);

    // A correction moves the figure, and the proposal with it.
    const entries = (await system.enteredMeasures.get(actor(), lead, measure.id)).entries;
    const september = entries.find((e) => e.date === "2026-09-30");
    assert.ok(september);
    await system.enteredMeasures.correct(actor(), lead, measure.id, september.id, {
      value: "56",
      date: "2026-09-30",
      source: "Q2 audit, moderated",
      reason: "Moderation raised four grades",
    });
    const again = (await system.measureLinks.forAction(actor(), lead, actionId)).links.find((l) => l.id === link.id);
    assert.equal(again?.actual, 56);
    assert.equal(again?.assessment.proposed, "at risk", "56 is within 5 points of 57.5");

    // Another council's entered measure cannot be bound: not in the list.
    const other = await system.people.createCouncil({ code: "ELSE2", name: "Elsewhere Two" });
    const theirs = await system.enteredMeasures.define({ councilId: other.id, userId: null }, ["administrator"], {
      title: "Theirs",
      unit: "count",
      higherIsBetter: "no",
      description: "Another council's",
    });
    await assert.rejects(
      system.measureLinks.bind(actor(), lead, actionId, { measureId: `entered:${theirs.id}`, targetValue: "1", targetDate: "2027-03-31" }),
      (e) => e instanceof InvalidInput && e.problems[0]?.field === "measureId",
    );
  });
});
