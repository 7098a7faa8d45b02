// Round trip as a property (issue 11): any plan (sections nested or not, the numbering styles
// councils use, each built-in scheme, empty cells, long text, trailing spaces, commentary over
// several lines) exported as the progress sheet in every format the product writes (Excel, CSV,
// Word) imports back into itself with nothing created and nothing changed; one status changed in
// the file becomes exactly one new update, dated by the file. Seeded, so a failure repeats.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseUpdateDate } from "../../domain/imports/mapping.ts";
import { findScheme } from "../../domain/plans/schemes.ts";
import type { ActionSeed, PlanSeed, SectionSeed } from "../../domain/plans/types.ts";
import { readAs } from "../../platform/transaction.ts";
import { writeCsv } from "./corpus/corpus.ts";
import { parseCsv } from "./readers/csv.ts";
import { importCouncil } from "./testing/import-council.ts";

const FORMATS = ["xlsx", "csv", "docx"] as const;
const APPROVED = "2023-01-10";
const WORDS = [
  "review",
  "EHC",
  "plans",
  "with",
  "SENCOs",
  "publish",
  "the",
  "local",
  "offer",
  "agree",
  "joint",
  "commissioning",
  "audit",
  "records",
  "co-produce",
  "guidance",
  "families",
  "post-16",
  "transitions",
  "&",
  "(phase 2)",
  "–",
  "£40k",
  "'quoted'",
  '"double"',
  "naïve",
  "year 9",
];
const TIMESCALES = [
  "Jan 2024",
  "Spring term 2024",
  "Q3 2023/24",
  "31/03/2024",
  "TBC",
  "Ongoing",
  "Feb onwards",
  "By March 2025",
  "2024",
  "July 2024 / July 2025",
];

/** Words, sometimes long (up to ~900 characters), sometimes with spaces after. */
const text = (options: { long?: boolean; lines?: boolean } = {}) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: options.long ? 40 : 1 }),
      fc.constantFrom("", "", " ", "  "),
      options.lines ? fc.boolean() : fc.constant(false),
    )
    .map(([words, repeat, trailing, twoLines]) => {
      const base = Array.from({ length: repeat }, () => words.join(" ")).join(" ");
      return `${twoLines ? `${base}\nNext steps: ${words[0]}` : base}${trailing}`;
    });

type NumberStyle = "dotted" | "plain" | "lettered" | "slash";
const actionNumber = (style: NumberStyle, section: string, i: number) =>
  style === "dotted" ? `${section}.${i}` : style === "plain" ? `${i}` : style === "lettered" ? `${section}a.${i}` : `R${section}/A${i}`;

const actionArb = fc.record({
  text: text({ long: true }),
  successMeasures: fc.option(text(), { nil: undefined }),
  leadRole: fc.option(fc.constantFrom("Head of SEN", "SEND Strategic Lead ", "Designated Clinical Officer"), { nil: undefined }),
  timescale: fc.constantFrom(...TIMESCALES),
  board: fc.boolean(),
  updates: fc.array(
    fc.record({ days: fc.integer({ min: 1, max: 120 }), status: fc.nat(), commentary: fc.option(text({ lines: true }), { nil: "" }) }),
    {
      maxLength: 3,
    },
  ),
});

const sectionArb = fc.record({
  title: text(),
  kind: fc.constantFrom("recommendation", "significant-weakness", "priority", "theme", "improvement-area") as fc.Arbitrary<SectionSeed["kind"]>,
  style: fc.constantFrom<NumberStyle>("dotted", "plain", "lettered", "slash"),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 3 }),
  /** Areas inside the section (a weakness and its improvement areas), or none. */
  areas: fc.array(fc.record({ title: text(), actions: fc.array(actionArb, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
});

const planArb = fc.record({
  scheme: fc.constantFrom("four-state", "five-level", "rag-blue"),
  sections: fc.array(sectionArb, { minLength: 1, maxLength: 3 }),
});

type Shape<A> = A extends fc.Arbitrary<infer T> ? T : never;
let planCount = 0;

/** A plan seed from the generated shape: dates after approval, statuses of its scheme, the first action rated. */
function planSeed(shape: Shape<typeof planArb>): PlanSeed {
  const scheme = findScheme(shape.scheme);
  assert.ok(scheme);
  const codes = scheme.statuses.filter((s) => !s.unrated).map((s) => s.code);
  planCount += 1;
  let first = true;
  const action = (a: Shape<typeof actionArb>, number: string, id: string): ActionSeed => {
    let day = 0;
    const updates = a.updates.map((u) => {
      day += u.days;
      const date = new Date(Date.parse(`${APPROVED}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
      return { date, status: codes[u.status % codes.length] as string, commentary: u.commentary };
    });
    // At least one action has a status, so the file has one to change.
    if (first && updates.length === 0) updates.push({ date: "2023-02-01", status: codes[0] as string, commentary: "" });
    first = false;
    return {
      number,
      externalId: id,
      text: a.text,
      ...(a.successMeasures ? { successMeasures: a.successMeasures } : {}),
      ...(a.leadRole ? { leadRole: a.leadRole } : {}),
      forums: a.board ? ["board"] : [],
      timescale: a.timescale,
      updates,
    };
  };
  return {
    externalId: `property-${planCount}`,
    title: `Generated plan ${planCount}`,
    type: "other",
    source: { title: "Generated for the round-trip property test", date: APPROVED },
    owner: "Head of SEND",
    scheme: shape.scheme,
    cadence: "Monthly",
    approvedOn: APPROVED,
    forums: [{ code: "board", name: "SEND Improvement Board", meetings: [] }],
    sections: shape.sections.map((s, i) => {
      const number = i % 2 === 1 ? `${i + 1}a` : `${i + 1}`;
      return {
        number,
        title: s.title,
        kind: s.kind,
        actions: s.actions.map((a, j) => action(a, actionNumber(s.style, number, j + 1), `p${planCount}-s${i}-a${j}`)),
        sections: s.areas.map((area, k) => ({
          number: `${number}.${k + 1}`,
          title: area.title,
          kind: "improvement-area" as const,
          actions: area.actions.map((a, j) => action(a, actionNumber(s.style, `${number}.${k + 1}`, j + 1), `p${planCount}-s${i}-${k}-a${j}`)),
        })),
      };
    }),
  };
}

const isoDay = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

describe("round trip as a property: any plan's exports import back into it unchanged", () => {
  const kit = importCouncil({ code: "PROP", name: "Property Council" });

  const updatesOf = (planId: string) =>
    readAs(kit.system.db, kit.actor, (trx) =>
      trx
        .selectFrom("action_update")
        .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
        .select(["plan_action.number", "action_update.status", "action_update.update_date"])
        .where("plan_action.plan_id", "=", planId)
        .orderBy("action_update.created_at")
        .orderBy("action_update.sequence")
        .execute(),
    );

  /** Exports the plan in every format and imports each back (a dry run): nothing created or changed. Returns the CSV. */
  async function exportsReimportUnchanged(planId: string, context: string): Promise<string> {
    let csvText = "";
    for (const format of FORMATS) {
      const file = await kit.system.reports.reportFile(kit.actor, "system", planId, { kind: "progress", format });
      if (format === "csv") csvText = Buffer.from(file.body).toString("utf8");
      const report = await kit.system.imports.importFile(kit.actor, "system", {
        fileName: `export.${format}`,
        bytes: file.body,
        planId,
        dryRun: true,
      });
      assert.deepEqual(report.problems, [], `${format}: ${context}`);
      assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 }, `${format} created: ${context}`);
      assert.deepEqual(report.changed, { actions: 0, updates: 0 }, `${format} changed: ${context}`);
    }
    return csvText;
  }

  /** Changes one rated row's status in the CSV and imports it: exactly one new update, with that status, dated by its row. */
  async function oneStatusChangedIsOneUpdate(planId: string, schemeCode: string, csvText: string, pickRow: number, pickStatus: number) {
    const scheme = findScheme(schemeCode);
    assert.ok(scheme);
    const parsed = parseCsv(csvText);
    assert.ok(parsed.ok);
    const [header, ...rows] = parsed.rows.filter((r) => r.some((c) => c.trim() !== ""));
    assert.ok(header);
    const status = header.indexOf("Status");
    const rated = rows.filter((r) => scheme.statuses.some((s) => !s.unrated && s.label === r[status]));
    const row = rated[pickRow % rated.length];
    assert.ok(row, "the plan has a rated action");
    const others = scheme.statuses.filter((s) => !s.unrated && s.label !== row[status]);
    const next = others[pickStatus % others.length];
    assert.ok(next);
    row[status] = next.label;
    const before = await updatesOf(planId);
    const report = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "changed.csv",
      bytes: writeCsv([header, ...rows]),
      planId,
      dryRun: false,
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 });
    assert.deepEqual(report.changed, { actions: 0, updates: 1 });
    const afterwards = await updatesOf(planId);
    assert.equal(afterwards.length, before.length + 1);
    const added = afterwards.at(-1);
    // The row's own "Last updated" date dates it: the file says when its status was given.
    const fileDate = parseUpdateDate(row[header.indexOf("Last updated")] ?? "");
    assert.ok(fileDate, `the row has its date: ${row.join(" | ")}`);
    assert.deepEqual(
      { number: added?.number, status: added?.status, date: isoDay(added?.update_date) },
      { number: row[header.indexOf("No")], status: next.code, date: fileDate },
    );
  }

  test("generated plans (25 in CI): Excel, CSV and Word exports re-import with 0 created and 0 changed; one status changed is one dated update", async () => {
    await fc.assert(
      fc.asyncProperty(planArb, fc.nat(), fc.nat(), async (shape, pickRow, pickStatus) => {
        const seed = planSeed(shape);
        const { id: planId } = await kit.system.plans.createPlanFromSeed(kit.actor, seed);
        const csvText = await exportsReimportUnchanged(planId, JSON.stringify(seed));
        await oneStatusChangedIsOneUpdate(planId, seed.scheme, csvText, pickRow, pickStatus);
      }),
      // ROUNDTRIP_SEED and ROUNDTRIP_PLANS run other or more plans by hand, to hunt; CI runs these 25.
      { seed: Number(process.env.ROUNDTRIP_SEED ?? 20261207), numRuns: Number(process.env.ROUNDTRIP_PLANS ?? 25), endOnFailure: true },
    );
  });

  test("a plan closed with its open actions carried into another: the other plan's exports re-import unchanged", async () => {
    // Two generated plans of the same scheme (carry-forward between schemes is not in the product yet).
    const [source, target] = fc.sample(planArb, { seed: 7, numRuns: 2 }).map((shape) => planSeed({ ...shape, scheme: "five-level" }));
    assert.ok(source && target);
    const from = await kit.system.plans.createPlanFromSeed(kit.actor, source);
    const into = await kit.system.plans.createPlanFromSeed(kit.actor, target);
    const lead = await kit.system.people.createUser(kit.actor, "system", {
      email: "lead@property-council.example",
      displayName: "Property Lead",
      roles: ["improvement_lead"],
      password: "property test password 2026",
    });
    const user = { id: lead.id, councilId: kit.actor.councilId, roles: ["improvement_lead" as const] };
    const { open } = await kit.system.plans.closureCandidates(user, from.id);
    assert.ok(open.length > 0, "the closed plan has open actions to carry");
    const outcome = await kit.system.plans.closePlan(
      user,
      from.id,
      open.map((a) => ({ actionId: a.id, disposition: "carried" as const, targetPlanId: into.id })),
    );
    assert.equal(outcome.carried, open.length);
    const csvText = await exportsReimportUnchanged(into.id, "the plan actions were carried into");
    await oneStatusChangedIsOneUpdate(into.id, "five-level", csvText, 0, 1);
  });
});
