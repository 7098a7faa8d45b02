// Measures entered by hand (issue 16 part 2): the council defines a measure the product cannot
// compute yet (an audit grade kept elsewhere, a survey result) and enters its actuals with their
// date and source. Each change is one audited transaction; a correction is a new entry that
// supersedes the old, so nothing is edited in place. Read by every reader of measures; defined
// and entered by those who keep the council's figures (enterMeasures).
import type { Kysely } from "kysely";
import {
  actualOn,
  currentEntries,
  type EnteredMeasureDefinition,
  enteredMeasureId,
  entriesIn,
  monthlyEntries,
} from "../../domain/measures/entered.ts";
import type { Period } from "../../domain/measures/registry.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import {
  type EntryRow,
  findEnteredMeasure,
  insertEnteredMeasure,
  insertEntry,
  listEnteredMeasures,
  listEntries,
  titleTaken,
} from "./entered-measures.repository.ts";
import { parseCorrection, parseDefinition, parseEntry } from "./entered-measures.schemas.ts";

export interface EnteredEntryView extends EntryRow {
  /** The correction that replaced this entry, if any: it no longer counts. */
  correctedBy: string | null;
}

export interface EnteredMeasureView extends EnteredMeasureDefinition {
  /** The id a success measure binds with (`entered:` and the id). */
  measureId: string;
  /** Every entry, corrections and the entries they replaced included, oldest date first. */
  entries: EnteredEntryView[];
}

/** An entered measure's figure for a period: the actual as at its last day, and the entries in it. */
export interface EnteredFigure extends EnteredMeasureDefinition {
  measureId: string;
  /** The current entry with the latest date on or before the period's last day. */
  asAt: EntryRow | null;
  /** The current entries dated in the period. */
  entries: EntryRow[];
  /** Month by month over the series: the figure entered in each month, or null. */
  series: { period: Period; entry: EntryRow | null }[];
}

export interface EnteredActual {
  definition: EnteredMeasureDefinition;
  actual: EntryRow | null;
  /** Every entry of the measure (corrections included), for a month-by-month series: monthlyEntries. */
  entries: EntryRow[];
}

export class EnteredMeasuresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  async list(actor: Actor, roles: readonly string[] | "system"): Promise<EnteredMeasureView[]> {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => {
      const measures = await listEnteredMeasures(trx);
      const entries = await listEntries(
        trx,
        measures.map((m) => m.id),
      );
      return measures.map((m) => view(m, entries));
    });
  }

  async get(actor: Actor, roles: readonly string[] | "system", id: string): Promise<EnteredMeasureView> {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => {
      const measure = await findEnteredMeasure(trx, id);
      if (!measure) throw new NotFound("There is no such measure.");
      return view(measure, await listEntries(trx, [id]));
    });
  }

  /**
   * Every entered measure's figure for a period (the dashboard, the API and the CLI): the actual as
   * at its last day, the entries in it, and month by month over `months` (the chart).
   */
  async forPeriod(actor: Actor, roles: readonly string[] | "system", period: Period, months: readonly Period[] = []): Promise<EnteredFigure[]> {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => {
      const measures = await listEnteredMeasures(trx);
      const entries = await listEntries(
        trx,
        measures.map((m) => m.id),
      );
      return measures.map((m) => {
        const own = entries.filter((e) => e.measureId === m.id);
        const monthly = monthlyEntries(own, months);
        return {
          ...m,
          measureId: enteredMeasureId(m.id),
          asAt: actualOn(own, period.to),
          entries: entriesIn(own, period),
          series: months.map((p, i) => ({ period: p, entry: monthly[i] ?? null })),
        };
      });
    });
  }

  /**
   * The actual of each of these measures (by uuid) as at a day, for bindings and reports: the
   * latest current entry on or before it. Another council's measure is simply not there.
   */
  async actualsOn(actor: Actor, ids: readonly string[], on: string): Promise<Map<string, EnteredActual>> {
    return readAs(this.db, actor, async (trx) => {
      const out = new Map<string, EnteredActual>();
      const measures = (await listEnteredMeasures(trx)).filter((m) => ids.includes(m.id));
      const entries = await listEntries(
        trx,
        measures.map((m) => m.id),
      );
      for (const definition of measures) {
        const own = entries.filter((e) => e.measureId === definition.id);
        out.set(definition.id, { definition, actual: actualOn(own, on), entries: own });
      }
      return out;
    });
  }

  /** Defines a measure: checked field by field, saved with its audit row, or nothing saved. */
  async define(actor: Actor, roles: readonly string[], body: unknown): Promise<EnteredMeasureDefinition> {
    this.mayEnter(roles);
    const { input, problems } = parseDefinition(body);
    if (!input) throw new InvalidInput(problems);
    return changeAs(this.db, actor, async (trx) => {
      if (await titleTaken(trx, input.title)) {
        throw new InvalidInput([{ field: "title", message: `There is already a measure called "${input.title}": choose another title` }]);
      }
      const measure = await insertEnteredMeasure(trx, { councilId: actor.councilId, createdBy: actor.userId, ...input });
      return { result: measure, audit: { action: "enteredMeasure.defined", subjectType: "enteredMeasure", subjectId: measure.id, after: measure } };
    });
  }

  /** Enters an actual (value, date, source, note); one figure a date: a wrong one is corrected. */
  async enter(actor: Actor, roles: readonly string[], measureId: string, body: unknown): Promise<{ id: string }> {
    this.mayEnter(roles);
    return changeAs(this.db, actor, async (trx) => {
      const measure = await findEnteredMeasure(trx, measureId);
      if (!measure) throw new NotFound("There is no such measure.");
      const { input, problems } = parseEntry(body, measure.unit, this.today());
      if (!input) throw new InvalidInput(problems);
      const current = currentEntries(await listEntries(trx, [measure.id]));
      if (current.some((e) => e.date === input.date)) {
        throw new InvalidInput([{ field: "date", message: "There is already a figure for that date: correct it instead of entering another" }]);
      }
      const row = await insertEntry(trx, { councilId: actor.councilId, measureId: measure.id, supersedes: null, enteredBy: actor.userId, ...input });
      return {
        result: { id: row.id },
        audit: { action: "enteredMeasure.actualEntered", subjectType: "enteredMeasure", subjectId: measure.id, after: { id: row.id, ...input } },
      };
    });
  }

  /** Corrects an entry: a new entry superseding it, the old one kept; only the latest can be corrected. */
  async correct(actor: Actor, roles: readonly string[], measureId: string, entryId: string, body: unknown): Promise<{ id: string }> {
    this.mayEnter(roles);
    return changeAs(this.db, actor, async (trx) => {
      const measure = await findEnteredMeasure(trx, measureId);
      if (!measure) throw new NotFound("There is no such measure.");
      const entries = await listEntries(trx, [measure.id]);
      const old = entries.find((e) => e.id === entryId);
      if (!old) throw new NotFound("There is no such figure.");
      const { input, problems } = parseCorrection(body, measure.unit, this.today());
      if (!input) throw new InvalidInput(problems);
      if (entries.some((e) => e.supersedes === old.id)) {
        throw new InvalidInput([{ field: "value", message: "This figure has already been corrected: correct the latest figure instead" }]);
      }
      if (currentEntries(entries).some((e) => e.id !== old.id && e.date === input.date)) {
        throw new InvalidInput([{ field: "date", message: "There is already another figure for that date: correct that one instead" }]);
      }
      const { reason, ...entry } = input;
      const row = await insertEntry(trx, {
        councilId: actor.councilId,
        measureId: measure.id,
        supersedes: old.id,
        enteredBy: actor.userId,
        ...entry,
      });
      return {
        result: { id: row.id },
        audit: {
          action: "enteredMeasure.actualCorrected",
          subjectType: "enteredMeasure",
          subjectId: measure.id,
          before: { id: old.id, value: old.value, date: old.date, source: old.source, note: old.note },
          after: { id: row.id, supersedes: old.id, ...entry, reason },
        },
      };
    });
  }

  private mayRead(roles: readonly string[] | "system") {
    if (roles !== "system" && !can(roles, "readMeasures")) throw new NotAllowed("read the council's measures");
  }

  private mayEnter(roles: readonly string[]) {
    if (!can(roles, "enterMeasures")) throw new NotAllowed("define measures or enter their figures");
  }
}

function view(measure: EnteredMeasureDefinition, entries: EntryRow[]): EnteredMeasureView {
  const own = entries.filter((e) => e.measureId === measure.id);
  return {
    ...measure,
    measureId: enteredMeasureId(measure.id),
    entries: own.map((e) => ({ ...e, correctedBy: own.find((c) => c.supersedes === e.id)?.id ?? null })),
  };
}
