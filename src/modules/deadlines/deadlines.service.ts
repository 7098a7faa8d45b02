// The council's school closure periods (data per council: SEND Regulations 2014 reg 10(4)(a) and 13(3)(a)), and the calculator
// with them applied for signed-in staff.
import type { Kysely } from "kysely";
import { isIsoDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import { type EvaluateResult, evaluateCalculatorRequest } from "../../domain/statutory/index.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed } from "../../platform/errors.ts";
import type { Paging } from "../../platform/pagination.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import * as repository from "./deadlines.repository.ts";

export interface SchoolClosure {
  id: string;
  description: string;
  first_day_closed: string;
  reopens: string;
}

export class DeadlinesService {
  constructor(private readonly db: Kysely<DB>) {}

  async listClosures(actor: Actor): Promise<SchoolClosure[]> {
    return readAs(this.db, actor, (trx) => repository.listSchoolClosures(trx));
  }

  /** A page of the council's closures, newest first. */
  async listClosuresPage(actor: Actor, paging: Paging) {
    return readAs(this.db, actor, async (trx) => ({
      items: await repository.listSchoolClosuresPage(trx, (paging.page - 1) * paging.pageSize, paging.pageSize),
      total: await repository.countSchoolClosures(trx),
      ...paging,
    }));
  }

  async addClosure(actor: Actor, roles: readonly string[] | "system", input: { description?: unknown; firstDayClosed?: unknown; reopens?: unknown }) {
    if (roles !== "system" && !can(roles, "manageClosures")) throw new NotAllowed("record school closures");
    const description = String(input.description ?? "").trim();
    const firstDayClosed = String(input.firstDayClosed ?? "").trim();
    const reopens = String(input.reopens ?? "").trim();
    const problems: FieldProblem[] = [];
    if (!description) problems.push({ field: "description", message: "Describe the closure, like Summer holiday 2026" });
    else if (description.length > 200) problems.push({ field: "description", message: "Description must be 200 characters or fewer" });
    if (!isIsoDate(firstDayClosed)) problems.push({ field: "from", message: "The first day closed must be a real date like 2026-07-22" });
    if (!isIsoDate(reopens)) problems.push({ field: "reopens", message: "The day schools reopen must be a real date like 2026-09-02" });
    else if (isIsoDate(firstDayClosed) && reopens <= firstDayClosed)
      problems.push({ field: "reopens", message: "The day schools reopen must be after the first day closed" });
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actor, async (trx) => {
      const closure = await repository.insertSchoolClosure(trx, { councilId: actor.councilId, description, firstDayClosed, reopens });
      return { result: closure, audit: { action: "schoolClosure.added", subjectType: "school_closure", subjectId: closure.id, after: closure } };
    });
  }

  /**
   * Works out deadlines; for a council's staff, the council's school closures are applied when
   * the input gives none of its own, so the summer-holiday exception is never forgotten.
   */
  async calculate(json: unknown, today: string, actor?: Actor): Promise<EvaluateResult & { closuresUsed: SchoolClosure[] }> {
    let closuresUsed: SchoolClosure[] = [];
    let request = json;
    const given = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    if (actor && given && given.closures === undefined) {
      closuresUsed = await this.listClosures(actor);
      if (closuresUsed.length)
        request = { ...given, closures: closuresUsed.map((c) => ({ from: c.first_day_closed, reopens: c.reopens, reason: c.description })) };
    }
    return { ...evaluateCalculatorRequest(request, { today }), closuresUsed };
  }
}
