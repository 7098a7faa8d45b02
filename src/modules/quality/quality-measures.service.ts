// The quality measures (issue 18 part 4): audit grades, families' feedback and complaints answered
// in target, for any period and month by month, read from the council's rows and counted by
// src/domain/quality/measures.ts. Improvement plans bind their success measures to these as to the
// casework measures (src/modules/measures/measure-links.service.ts), and /quality/measures shows them
// over time. Figures only: no child, family or complaint is named.
import type { Kysely } from "kysely";
import type { Period } from "../../domain/measures/registry.ts";
import type { Grade } from "../../domain/quality/framework.ts";
import { complaintsByThemeAndOutcome, type QualityFigure, type QualityRows, qualityFigures, qualitySeries } from "../../domain/quality/measures.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed } from "../../platform/errors.ts";
import { type Actor, readAs, type Trx } from "../../platform/transaction.ts";
import { listAgreedAudits, listAnswers, listStagesForMeasures } from "./complaints.repository.ts";

export class QualityMeasuresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  /** Every quality measure for a period; "system" for callers that checked access themselves (a plan's bound measures). */
  async forPeriod(actor: Actor, roles: readonly string[] | "system", period: Period): Promise<QualityFigure[]> {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => qualityFigures(await this.rows(trx, period), period, this.today()));
  }

  /** The period's figures and the same month by month. */
  async withSeries(actor: Actor, roles: readonly string[] | "system", period: Period) {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => {
      const rows = await this.rows(trx, period);
      return {
        values: qualityFigures(rows, period, this.today()),
        series: qualitySeries(rows, period, this.today()),
        complaints: complaintsByThemeAndOutcome(rows, period),
      };
    });
  }

  private mayRead(roles: readonly string[] | "system") {
    if (roles !== "system" && !can(roles, "readQuality")) throw new NotAllowed("the quality figures");
  }

  private async rows(trx: Trx, period: Period): Promise<QualityRows> {
    const audits = await listAgreedAudits(trx, period.from, period.to);
    const answers = await listAnswers(trx, `${period.from.slice(0, 7)}-01`, period.to);
    const stages = await listStagesForMeasures(trx, period.from, period.to);
    return {
      audits: audits.map((a) => ({
        agreedOn: a.agreed_on as string,
        goodOrBetter: !!(a.grades as Grade[]).find((g) => g.code === a.agreed_grade)?.goodOrBetter,
      })),
      answers: answers.map((r) => {
        const given = Object.values(r.answers as Record<string, string>);
        return { month: r.answered_month, answered: given.length, agreed: given.filter((a) => a === "agree").length };
      }),
      stages: stages.map((s) => ({
        kind: s.kind as "enquiry" | "complaint",
        stage: s.stage,
        openedOn: s.opened_on,
        dueOn: s.due_on,
        respondedOn: s.responded_on,
        outcome: s.outcome,
        themes: s.themes,
      })),
    };
  }
}
