// The only SQL for measures entered by hand (migration 0029), always inside a service's
// transaction under the council's row-level security. Entries are inserted, never updated.
import type { EnteredEntry, EnteredMeasureDefinition, EnteredUnit } from "../../domain/measures/entered.ts";
import type { Trx } from "../../platform/transaction.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EntryRow extends EnteredEntry {
  measureId: string;
  enteredBy: string | null;
}

const toMeasure = (r: { id: string; title: string; unit: string; higher_is_better: boolean; description: string }): EnteredMeasureDefinition => ({
  id: r.id,
  title: r.title,
  unit: r.unit as EnteredUnit,
  higherIsBetter: r.higher_is_better,
  description: r.description,
});

export async function listEnteredMeasures(trx: Trx): Promise<EnteredMeasureDefinition[]> {
  const rows = await trx.selectFrom("entered_measure").select(["id", "title", "unit", "higher_is_better", "description"]).orderBy("title").execute();
  return rows.map(toMeasure);
}

/** One of the council's entered measures; undefined for another council's or a malformed id. */
export async function findEnteredMeasure(trx: Trx, id: string): Promise<EnteredMeasureDefinition | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await trx
    .selectFrom("entered_measure")
    .select(["id", "title", "unit", "higher_is_better", "description"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toMeasure(row);
}

export async function titleTaken(trx: Trx, title: string): Promise<boolean> {
  const row = await trx
    .selectFrom("entered_measure")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["title"]), "=", title.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertEnteredMeasure(
  trx: Trx,
  values: { councilId: string; title: string; unit: EnteredUnit; higherIsBetter: boolean; description: string; createdBy: string | null },
): Promise<EnteredMeasureDefinition> {
  const row = await trx
    .insertInto("entered_measure")
    .values({
      council_id: values.councilId,
      title: values.title,
      unit: values.unit,
      higher_is_better: values.higherIsBetter,
      description: values.description,
      created_by: values.createdBy,
    })
    .returning(["id", "title", "unit", "higher_is_better", "description"])
    .executeTakeFirstOrThrow();
  return toMeasure(row);
}

/** Every entry of these measures, corrections and the entries they supersede included. */
export async function listEntries(trx: Trx, measureIds: readonly string[]): Promise<EntryRow[]> {
  if (!measureIds.length) return [];
  const rows = await trx
    .selectFrom("entered_measure_entry")
    .leftJoin("app_user", "app_user.id", "entered_measure_entry.entered_by")
    .select([
      "entered_measure_entry.id",
      "entered_measure_entry.measure_id",
      "entered_measure_entry.value",
      "entered_measure_entry.date",
      "entered_measure_entry.source",
      "entered_measure_entry.note",
      "entered_measure_entry.supersedes",
      "entered_measure_entry.entered_at",
      "app_user.display_name as entered_by",
    ])
    .where("entered_measure_entry.measure_id", "in", measureIds)
    .orderBy("entered_measure_entry.date")
    .orderBy("entered_measure_entry.entered_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    value: Number(r.value),
    date: r.date,
    source: r.source,
    note: r.note,
    supersedes: r.supersedes,
    enteredAt: new Date(r.entered_at).toISOString(),
    enteredBy: r.entered_by,
  }));
}

export async function insertEntry(
  trx: Trx,
  values: {
    councilId: string;
    measureId: string;
    value: number;
    date: string;
    source: string;
    note: string | null;
    supersedes: string | null;
    enteredBy: string | null;
  },
): Promise<{ id: string; enteredAt: string }> {
  const row = await trx
    .insertInto("entered_measure_entry")
    .values({
      council_id: values.councilId,
      measure_id: values.measureId,
      value: String(values.value),
      date: values.date,
      source: values.source,
      note: values.note,
      supersedes: values.supersedes,
      entered_by: values.enteredBy,
    })
    .returning(["id", "entered_at"])
    .executeTakeFirstOrThrow();
  return { id: row.id, enteredAt: new Date(row.entered_at).toISOString() };
}
