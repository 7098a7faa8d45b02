// The council's measures (SPEC C1), worked out from its casework for a calendar year with the
// definitions of src/domain/measures. Figures only: nothing about a child leaves this service.
import type { Kysely } from "kysely";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { ENGLAND } from "../../domain/measures/england.ts";
import { measuresForYear, type YearMeasures } from "../../domain/measures/measures.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { type Actor, readAs } from "../../platform/transaction.ts";
import { listSchoolClosures } from "../deadlines/deadlines.repository.ts";
import { listCaseRecords } from "./measures.repository.ts";

/** The first year England's figures are held for; earlier years have nothing to compare with. */
export const FIRST_YEAR = ENGLAND[0]?.year ?? 2016;

export class MeasuresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  /** The years that can be asked for: from the first England figures to this year (so far). */
  years(): number[] {
    const last = Number(this.today().slice(0, 4));
    return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
  }

  async forYear(actor: Actor, roles: readonly string[] | "system", year: number): Promise<YearMeasures> {
    if (roles !== "system" && !can(roles, "readMeasures")) throw new NotAllowed("read the council's measures");
    if (!this.years().includes(year)) {
      throw new InvalidInput([{ field: "year", message: `Choose a year from ${FIRST_YEAR} to ${this.years()[0]}` }]);
    }
    return readAs(this.db, actor, async (trx) => {
      const records = (await listCaseRecords(trx)) as CaseRecord[];
      const closures = (await listSchoolClosures(trx)).map((c) => ({ from: c.first_day_closed, reopens: c.reopens, reason: c.description }));
      return measuresForYear(records, year, { closures, today: this.today() });
    });
  }
}
