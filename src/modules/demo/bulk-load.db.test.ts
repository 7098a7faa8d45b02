// The bulk load of the national benchmark (bulk-load.ts) writes what the product writes: the same
// generated caseload loaded by CasesService.loadRecords into one council and by bulkLoadCases into
// another leaves the same rows in every table they touch, the triggers' totals included.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../../composition.ts";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { eventsForRecord } from "../../domain/sen2/import.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import { bulkLoadCases } from "./bulk-load.ts";
import { generateCaseload } from "./caseload-generator.ts";

const TODAY = "2026-03-09";
const SOURCE = { source: "generated demo caseload" };
const eventsOf = (record: CaseRecord) => eventsForRecord(record).map((e) => ({ kind: e.kind, data: { ...e.data, ...SOURCE } }));
const TABLES = [
  "child_case",
  "case_event",
  "case_worklist_entry",
  "measure_fact",
  "measure_span",
  "measure_fact_day",
  "measure_span_day",
  "measure_fact_month",
  "measure_caseload_month",
];
/** Differ by nature between two loads: the row's own id, its council, when it was written. */
const IGNORED = ["id", "council_id", "created_at", "updated_at", "recorded_at"];

describe("bulk loading a generated caseload", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let product: string;
  let bulk: string;
  let counts: Awaited<ReturnType<typeof bulkLoadCases>>;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => TODAY });
    product = (await system.people.createCouncil({ code: "PRODUCT", name: "Loaded as the product loads" })).id;
    bulk = (await system.people.createCouncil({ code: "BULK", name: "Loaded in bulk" })).id;
    const worker = await system.people.createUser({ councilId: product, userId: null }, "system", {
      email: "cw@product.example",
      displayName: "Caseworker One",
      password: "a long password for one",
      roles: "caseworker",
    });
    const records = generateCaseload({ seed: 14, plans: 60, today: TODAY, caseworkers: [{ id: worker.id, name: worker.display_name }] });
    const actor = (councilId: string) => ({ councilId, userId: null });
    await changeAs(system.db, actor(product), async (trx) => ({
      result: await system.cases.loadRecords(trx, actor(product), records, SOURCE, eventsOf),
      audit: { action: "cases.imported", subjectType: "council", subjectId: product },
    }));
    // Small batches, so more than one batch is written.
    counts = await changeAs(system.db, actor(bulk), async (trx) => ({
      result: await bulkLoadCases(trx, bulk, records, { today: TODAY, closures: [], source: SOURCE, eventsOf, batch: 25 }),
      audit: { action: "cases.imported", subjectType: "council", subjectId: bulk },
    }));
  });
  after(async () => {
    await system?.close();
    await testDb?.close();
  });

  /** A table's rows for a council, each as JSON with its case's id replaced by the child it is about, sorted. */
  async function rowsOf(table: string, councilId: string): Promise<string[]> {
    // As the application, for the council: row-level security keeps to its rows.
    return readAs(system.db, { councilId, userId: null }, async (trx) => {
      const children = await sql<{ id: string; child: string }>`
        SELECT id, child_name || ' ' || date_of_birth || ' ' || coalesce(upn, '') AS child FROM child_case`.execute(trx);
      assert.equal(new Set(children.rows.map((c) => c.child)).size, children.rows.length, "each generated child is told apart");
      const { rows } = await sql<{ row: string }>`SELECT (to_jsonb(t) - ${IGNORED}::text[])::text AS row FROM ${sql.table(table)} t`.execute(trx);
      return rows.map((r) => children.rows.reduce((text, c) => text.replaceAll(c.id, c.child), r.row)).sort();
    });
  }

  test("loads every case with its events, worklist entries and measure rows", () => {
    assert.ok(counts.cases > 60, `${counts.cases} cases`);
    assert.ok(counts.events > counts.cases * 2, `${counts.events} events`);
    assert.ok(counts.entries > 0 && counts.facts > 0 && counts.spans > 0, JSON.stringify(counts));
  });

  for (const table of TABLES) {
    test(`${table}: the same rows as the product's own load`, async () => {
      const expected = await rowsOf(table, product);
      assert.ok(expected.length > 0, `${table} has rows`);
      assert.deepEqual(await rowsOf(table, bulk), expected);
    });
  }
});
