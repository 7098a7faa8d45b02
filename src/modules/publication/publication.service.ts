// Publication (SPEC A13): a lead publishes a plan as a public page with open data, chooses whether
// leads' names appear, and marks which updates' commentary is public. The public page needs no
// sign-in: the council comes from its code (council_id_for_code), and the plan is read as that
// council under row-level security, only if it is published.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { councilIdForCode } from "../people/people.repository.ts";
import { statusTag } from "../plans/plans.presenter.ts";
import { isUuid, type PlansService } from "../plans/plans.service.ts";
import { progressReport } from "../reports/report-model.ts";
import * as repository from "./publication.repository.ts";

type Reader = Pick<CurrentUser, "id" | "councilId" | "roles">;

export interface PublicAction {
  number: string;
  section: string;
  action: string;
  /** The lead's role; their name too only when the owner chose to publish names. */
  lead: string;
  due: string;
  status: { code: string; label: string; colour: string; tagClasses: string };
  /** The latest commentary the owner made public, as at the date. */
  commentary: { date: string; dateText: string; text: string } | null;
}

export interface PublicPlan {
  councilCode: string;
  plan: { id: string; title: string; owner: string; schemeName: string; approvedOn: string; approvedOnText: string };
  asAt: string;
  asAtText: string;
  namesShown: boolean;
  key: { label: string; definition: string; tagClasses: string }[];
  summary: { sentence: string; rows: { label: string; count: number; percentText: string; tagClasses: string }[]; total: number };
  actions: PublicAction[];
}

export class PublicationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly plans: PlansService,
    private readonly today: () => string,
  ) {}

  /** The publication form: the flags and every update with commentary, marked public or not. */
  async settings(user: Reader, planId: string) {
    this.check(user);
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    const actor = actorOf(user);
    const loaded = await this.plans.loadPlan(actor, user.roles, planId);
    const { flags, publicIds } = await readAs(this.db, actor, async (trx) => ({
      flags: await repository.findPublication(trx, planId),
      publicIds: new Set(await repository.listPublicUpdateIds(trx, planId)),
    }));
    if (!flags) throw new NotFound("No such plan.");
    const updates = loaded.actions.flatMap((action) =>
      (loaded.updatesByAction.get(action.id) ?? [])
        .filter((u) => u.commentary.trim())
        .map((u) => ({
          id: u.id,
          actionNumber: action.number,
          date: u.date,
          dateText: formatDate(u.date),
          status: statusTag(loaded.plan.scheme, u.status).text,
          commentary: u.commentary,
          public: publicIds.has(u.id),
        })),
    );
    return { plan: { id: loaded.plan.id, title: loaded.plan.title }, published: flags.published, publishNames: flags.publish_names, updates };
  }

  /** Publishes or withdraws the plan, and sets which commentary is public: one audited change. */
  async save(user: Reader, planId: string, body: Record<string, unknown>) {
    this.check(user);
    const current = await this.settings(user, planId);
    const published = body.published === "yes";
    const publishNames = body.publishNames === "yes";
    const chosen = new Set((Array.isArray(body.public) ? body.public : [body.public]).filter((v): v is string => typeof v === "string"));
    const known = new Set(current.updates.map((u) => u.id));
    const wanted = [...chosen].filter((id) => known.has(id));
    const before = current.updates.filter((u) => u.public).map((u) => u.id);
    const add = wanted.filter((id) => !before.includes(id));
    const remove = before.filter((id) => !chosen.has(id));
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.setPublication(trx, planId, { published, publishNames });
      await repository.addPublicCommentary(trx, user.councilId, add);
      await repository.removePublicCommentary(trx, remove);
      return {
        result: undefined,
        audit: {
          action: "plan.publication.changed",
          subjectType: "plan",
          subjectId: planId,
          before: { published: current.published, publishNames: current.publishNames, publicCommentary: before.length },
          after: { published, publishNames, publicCommentary: wanted.length, madePublic: add, madePrivate: remove },
        },
      };
    });
    return { published, publishNames, publicCommentary: wanted.length };
  }

  /** A published plan as the public sees it, as at today; NotFound for anything unpublished or unknown. */
  async publicPlan(councilCode: string, planId: string, asAt = this.today()): Promise<PublicPlan> {
    const missing = () => new NotFound("There is no published plan at this address.");
    if (!isUuid(planId) || !/^[A-Za-z0-9_-]{1,40}$/.test(councilCode)) throw missing();
    const councilId = await councilIdForCode(this.db, councilCode);
    if (!councilId) throw missing();
    const actor: Actor = { councilId, userId: null };
    const found = await readAs(this.db, actor, async (trx) => {
      const flags = await repository.findPublication(trx, planId);
      return flags?.published ? { flags, publicIds: new Set(await repository.listPublicUpdateIds(trx, planId)) } : undefined;
    });
    if (!found) throw missing();
    const loaded = await this.plans.loadPlan(actor, "system", planId);
    const scheme = loaded.plan.scheme;
    const names = found.flags.publish_names;
    const report = progressReport(loaded, { asAt });
    const actionsById = new Map(loaded.actions.map((a) => [a.id, a]));
    const actions = report.rows.map((row): PublicAction => {
      const action = actionsById.get(row.actionId);
      const shown = (loaded.updatesByAction.get(row.actionId) ?? [])
        .filter((u) => found.publicIds.has(u.id) && u.date <= asAt && u.commentary.trim())
        .sort((a, b) => (a.date === b.date ? (a.sequence ?? 0) - (b.sequence ?? 0) : a.date < b.date ? -1 : 1))
        .pop();
      return {
        number: row.number,
        section: [row.section.number, row.section.title].filter(Boolean).join(" "),
        action: row.action,
        lead: names ? row.lead : (action?.lead_role ?? ""),
        due: row.due,
        status: { ...row.status, tagClasses: statusTag(scheme, row.status.code === "not-yet-rated" ? undefined : row.status.code).classes },
        commentary: shown ? { date: shown.date, dateText: formatDate(shown.date), text: shown.commentary } : null,
      };
    });
    return {
      councilCode,
      plan: {
        id: loaded.plan.id,
        title: loaded.plan.title,
        owner: loaded.plan.owner,
        schemeName: scheme.name,
        approvedOn: loaded.plan.approved_on,
        approvedOnText: formatDate(loaded.plan.approved_on),
      },
      asAt,
      asAtText: formatDate(asAt),
      namesShown: names,
      key: scheme.statuses.map((s) => ({ label: s.label, definition: s.definition, tagClasses: statusTag(scheme, s.code).classes })),
      summary: {
        sentence: report.summary.sentence,
        total: report.summary.total,
        rows: report.summary.rows.map((r) => ({
          label: r.label,
          count: r.count,
          percentText: r.percentText,
          tagClasses: statusTag(scheme, scheme.statuses.some((s) => s.code === r.code) ? r.code : undefined).classes,
        })),
      },
      actions,
    };
  }

  private check(user: Reader): void {
    if (!can(user.roles, "editPlans")) throw new NotAllowed("publish improvement plans");
  }
}

function actorOf(user: Reader): Actor {
  return { councilId: user.councilId, userId: user.id };
}
