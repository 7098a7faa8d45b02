// Loading a generated caseload in bulk (the national benchmark, issue 14 part 5): the rows
// CasesService.loadRecords writes (the cases, their events, worklist entries and measure rows; the
// measure totals follow by the tables' triggers), built by the same pure functions, but in a few
// big statements rather than one per 500 cases. bulk-load.db.test.ts checks the two write the same.
import { randomUUID } from "node:crypto";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { measureRowsOf } from "../../domain/measures/facts.ts";
import type { Closure } from "../../domain/statutory/input.ts";
import type { Trx } from "../../platform/transaction.ts";
import { caseValues } from "../cases/cases.repository.ts";
import { deriveCase, worklistEntriesOf } from "../cases/cases.service.ts";
import { measureRowValues } from "../measures/measures.repository.ts";
import { type BulkTable, insertRows } from "./bulk-load.repository.ts";

export interface BulkLoadCounts {
  cases: number;
  events: number;
  entries: number;
  facts: number;
  spans: number;
}

/**
 * Inside the caller's transaction (acting for `councilId`): saves `generated` as new cases, as
 * CasesService.loadRecords does with the same arguments. `spent` gathers each table's milliseconds.
 */
export async function bulkLoadCases(
  trx: Trx,
  councilId: string,
  generated: readonly CaseRecord[],
  options: {
    today: string;
    closures: readonly Closure[];
    source: Record<string, unknown>;
    eventsOf?: (record: CaseRecord) => { kind: string; data: Record<string, unknown> }[];
    batch?: number;
    spent?: Map<string, number>;
  },
): Promise<BulkLoadCounts> {
  const { today, closures, source, eventsOf = () => [], batch = 4000 } = options;
  const counts: BulkLoadCounts = { cases: 0, events: 0, entries: 0, facts: 0, spans: 0 };
  const insert = async (table: BulkTable, rows: readonly Record<string, unknown>[]) => {
    const t = performance.now();
    await insertRows(trx, table, rows);
    options.spent?.set(table, (options.spent.get(table) ?? 0) + performance.now() - t);
  };
  for (let i = 0; i < generated.length; i += batch) {
    // As loadRecords: the installation's own ids for the cases.
    const records: CaseRecord[] = generated.slice(i, i + batch).map((record) => ({ ...record, id: randomUUID() }));
    // caseValues gives the JSON columns as text for a parameter; here they go inside the batch's JSON as themselves.
    const cases = records.map((record) => {
      const derived = deriveCase(councilId, record, today);
      return { id: record.id, ...caseValues(derived), record: derived.record, register: derived.register };
    });
    await insert("child_case", cases);
    const events = records.flatMap((record) =>
      [{ kind: "caseImported", data: source }, ...eventsOf(record)].map((e) => ({
        council_id: councilId,
        case_id: record.id,
        kind: e.kind,
        data: e.data,
        recorded_by: null,
      })),
    );
    await insert("case_event", events);
    const entries = worklistEntriesOf(councilId, records, today, closures).map((e) => ({
      council_id: e.councilId,
      case_id: e.caseId,
      list: e.list,
      reason: e.reason,
      due: e.due,
      subject: e.subject,
    }));
    await insert("case_worklist_entry", entries);
    const { facts, spans } = measureRowValues(
      councilId,
      records.map((record) => ({ caseId: record.id, rows: measureRowsOf(record, { today, closures }) })),
    );
    await insert("measure_fact", facts);
    await insert("measure_span", spans);
    counts.cases += records.length;
    counts.events += events.length;
    counts.entries += entries.length;
    counts.facts += facts.length;
    counts.spans += spans.length;
  }
  return counts;
}
