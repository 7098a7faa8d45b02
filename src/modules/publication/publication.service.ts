// Publication (SPEC A13, issue 13 part 7): a lead publishes a plan as a public page with open data,
// now or on a date they choose (like the day after the board meets), and chooses what each
// publication shows: statuses, the commentary marked public, leads as names or roles only. The
// public page shows the plan as at its last publication, not live: what was recorded after the
// publication took effect is left out, whatever date it carries. A scheduled publication happens
// by a check at read time (the latest publication whose date has come), so there is no job to
// miss or retry. The public page needs no sign-in: the council comes from its code
// (council_id_for_code), and the plan is read as that council under row-level security.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { type BoundMeasureView, boundMeasureViews } from "../measures/measure-links.presenter.ts";
import type { MeasureLinksService } from "../measures/measure-links.service.ts";
import { councilIdForCode } from "../people/people.repository.ts";
import type { LoadedPlan } from "../plans/plans.presenter.ts";
import { statusTag } from "../plans/plans.presenter.ts";
import { isUuid, type PlansService } from "../plans/plans.service.ts";
import { readDate } from "../plans/plans.setup.schemas.ts";
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
  /** Null when the publication does not show statuses. */
  status: { code: string; label: string; colour: string; tagClasses: string } | null;
  /** The latest commentary the owner made public, as at the date. */
  commentary: { date: string; dateText: string; text: string } | null;
}

export interface PublicPlan {
  councilCode: string;
  plan: { id: string; title: string; owner: string; schemeName: string; approvedOn: string; approvedOnText: string };
  /** The date of the publication shown: the plan is as at this date. */
  asAt: string;
  asAtText: string;
  namesShown: boolean;
  statusesShown: boolean;
  commentaryShown: boolean;
  /** The next publication's date, when one is scheduled. */
  nextPublication: string | null;
  nextPublicationText: string | null;
  key: { label: string; definition: string; tagClasses: string }[];
  summary: { sentence: string; rows: { label: string; count: number; percentText: string; tagClasses: string }[]; total: number };
  actions: PublicAction[];
  /**
   * The success measures bound to measures, as at the publication (issue 16): figures only, a
   * figure resting on 1 to 4 children withheld; the lead's rating and any reason only where the
   * publication shows statuses, and no names unless it shows names.
   */
  measures: (BoundMeasureView & { number: string })[];
}

export class PublicationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly plans: PlansService,
    private readonly today: () => string,
    private readonly links?: MeasureLinksService,
  ) {}

  /** The publication form: the flags and every update with commentary, marked public or not. */
  async settings(user: Reader, planId: string) {
    this.check(user);
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    const actor = actorOf(user);
    const loaded = await this.plans.loadPlan(actor, user.roles, planId);
    const { flags, publicIds, publications } = await readAs(this.db, actor, async (trx) => ({
      flags: await repository.findPublication(trx, planId),
      publicIds: new Set(await repository.listPublicUpdateIds(trx, planId)),
      publications: await repository.listPublications(trx, planId),
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
    const today = this.today();
    const last = publications.filter((p) => p.publish_on <= today).pop();
    const next = publications.find((p) => p.publish_on > today);
    const current = next ?? last;
    return {
      plan: { id: loaded.plan.id, title: loaded.plan.title },
      published: flags.published,
      publishNames: current ? current.publish_names : flags.publish_names,
      showStatuses: current?.show_statuses ?? true,
      showCommentary: current?.show_commentary ?? true,
      lastPublication: last && flags.published ? { date: last.publish_on, dateText: formatDate(last.publish_on) } : null,
      nextPublication: next && flags.published ? { date: next.publish_on, dateText: formatDate(next.publish_on) } : null,
      publications: publications.map((p) => ({ date: p.publish_on, dateText: formatDate(p.publish_on), toCome: p.publish_on > today })),
      updates,
    };
  }

  /**
   * The plan's last publication that has taken effect, for anyone who may read the plan: the plan
   * page links to it, so a councillor can see what the public sees rather than the live position.
   */
  async lastPublished(user: Reader & { councilCode: string }, planId: string): Promise<{ date: string; dateText: string; href: string } | null> {
    if (!can(user.roles, "readPlans")) throw new NotAllowed("read improvement plans");
    if (!isUuid(planId)) return null;
    const today = this.today();
    const last = await readAs(this.db, actorOf(user), async (trx) => {
      const flags = await repository.findPublication(trx, planId);
      if (!flags?.published) return undefined;
      return (await repository.listPublications(trx, planId)).filter((p) => p.publish_on <= today).pop();
    });
    if (!last) return null;
    return {
      date: last.publish_on,
      dateText: formatDate(last.publish_on),
      href: `/public/${encodeURIComponent(user.councilCode)}/plans/${planId}`,
    };
  }

  /**
   * Publishes the plan now or schedules its next publication (a date, today or later, replacing any
   * publication still to come), choosing what it shows; or withdraws it (the public page goes and
   * any publication to come is cancelled). Sets which commentary is public. One audited change;
   * publications already made are never changed.
   */
  async save(user: Reader, planId: string, body: Record<string, unknown>) {
    this.check(user);
    const current = await this.settings(user, planId);
    const today = this.today();
    const published = body.published === "yes";
    const publishNames = body.publishNames === "yes";
    const showStatuses = body.showStatuses === "yes";
    const showCommentary = body.showCommentary === "yes";
    const problems: FieldProblem[] = [];
    const publishOn = readDate(body, "publishOn", "Date of the publication", problems, false) ?? today;
    if (!problems.length && publishOn < today)
      problems.push({
        field: "publishOn-day",
        message: `Date of the publication must be today (${formatDate(today)}) or later: a publication already made cannot change`,
      });
    if (problems.length) throw new InvalidInput(problems);
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
      await repository.deletePublicationsAfter(trx, planId, today);
      if (published) {
        // Publishing again today publishes the position as it is now, with today's choices.
        if (publishOn === today) await repository.deletePublicationsOn(trx, planId, today);
        await repository.insertPublication(trx, {
          councilId: user.councilId,
          planId,
          publishOn,
          showStatuses,
          showCommentary,
          publishNames,
          scheduledBy: user.id,
        });
      }
      return {
        result: undefined,
        audit: {
          action: "plan.publication.changed",
          subjectType: "plan",
          subjectId: planId,
          before: {
            published: current.published,
            publishNames: current.publishNames,
            publicCommentary: before.length,
            nextPublication: current.nextPublication?.date ?? null,
          },
          after: {
            published,
            publishOn: published ? publishOn : null,
            showStatuses,
            showCommentary,
            publishNames,
            publicCommentary: wanted.length,
            madePublic: add,
            madePrivate: remove,
          },
        },
      };
    });
    return { published, publishOn: published ? publishOn : null, showStatuses, showCommentary, publishNames, publicCommentary: wanted.length };
  }

  /**
   * A published plan as the public sees it: as at its latest publication whose date has come, with
   * what that publication chose to show; NotFound for anything unpublished, not yet published or unknown.
   */
  async publicPlan(councilCode: string, planId: string, today = this.today()): Promise<PublicPlan> {
    const missing = () => new NotFound("There is no published plan at this address.");
    if (!isUuid(planId) || !/^[A-Za-z0-9_-]{1,40}$/.test(councilCode)) throw missing();
    const councilId = await councilIdForCode(this.db, councilCode);
    if (!councilId) throw missing();
    const actor: Actor = { councilId, userId: null };
    const found = await readAs(this.db, actor, async (trx) => {
      const flags = await repository.findPublication(trx, planId);
      if (!flags?.published) return undefined;
      const publications = await repository.listPublications(trx, planId);
      const publication = publications.filter((p) => p.publish_on <= today).pop();
      if (!publication) return undefined;
      const from = effectiveFrom(publication.publish_on, new Date(publication.scheduled_at));
      return {
        publication,
        next: publications.find((p) => p.publish_on > today),
        later: await repository.recordedAfter(trx, planId, from),
        publicIds: new Set(await repository.listPublicUpdateIds(trx, planId)),
      };
    });
    if (!found) throw missing();
    const { publication } = found;
    const asAt = publication.publish_on;
    const loaded = withoutLater(await this.plans.loadPlan(actor, "system", planId), found.later);
    const scheme = loaded.plan.scheme;
    const names = publication.publish_names;
    const statuses = publication.show_statuses;
    const report = progressReport(loaded, { asAt });
    const actionsById = new Map(loaded.actions.map((a) => [a.id, a]));
    const actions = report.rows.map((row): PublicAction => {
      const action = actionsById.get(row.actionId);
      const shown = (publication.show_commentary ? (loaded.updatesByAction.get(row.actionId) ?? []) : [])
        .filter((u) => found.publicIds.has(u.id) && u.date <= asAt && u.commentary.trim())
        .sort((a, b) => (a.date === b.date ? (a.sequence ?? 0) - (b.sequence ?? 0) : a.date < b.date ? -1 : 1))
        .pop();
      return {
        number: row.number,
        section: [row.section.number, row.section.title].filter(Boolean).join(" "),
        action: row.action,
        lead: names ? row.lead : (action?.lead_role ?? ""),
        due: row.due,
        status: statuses
          ? { ...row.status, tagClasses: statusTag(scheme, row.status.code === "not-yet-rated" ? undefined : row.status.code).classes }
          : null,
        commentary: shown ? { date: shown.date, dateText: formatDate(shown.date), text: shown.commentary } : null,
      };
    });
    const bound = this.links
      ? await this.links.forActions(
          actor,
          "system",
          report.rows.map((r) => r.actionId),
          asAt,
          { forPublic: true },
        )
      : [];
    const measures = (
      await Promise.all(
        bound.map(async (a) =>
          (
            await boundMeasureViews(a.links, "public")
          ).map((view) => ({
            ...view,
            number: a.action.number,
            supports: statuses ? view.supports : null,
            kept: statuses && view.kept ? { ...view.kept, keptBy: names ? view.kept.keptBy : null } : null,
            // Without statuses the sentence must not name the lead's rating: the figure and the target only.
            sentence: statuses ? view.sentence : view.sentence.replace(/^Rated [^,]+, but the measure/, "The measure"),
          })),
        ),
      )
    ).flat();
    return {
      measures,
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
      statusesShown: statuses,
      commentaryShown: publication.show_commentary,
      nextPublication: found.next?.publish_on ?? null,
      nextPublicationText: found.next ? formatDate(found.next.publish_on) : null,
      key: scheme.statuses.map((s) => ({ label: s.label, definition: s.definition, tagClasses: statusTag(scheme, s.code).classes })),
      summary: {
        sentence: statuses ? report.summary.sentence : "",
        total: report.summary.total,
        rows: (statuses ? report.summary.rows : []).map((r) => ({
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

/**
 * When a publication took effect: the start of its day in England, or when it was made if that was
 * later (publishing today publishes the position as it is at that moment).
 */
export function effectiveFrom(publishOn: string, scheduledAt: Date): Date {
  const midnightUtc = new Date(`${publishOn}T00:00:00Z`);
  // Europe/London is UTC or UTC+1: its midnight is the UTC midnight less the hour the clock shows then.
  const londonHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(midnightUtc));
  const start = new Date(midnightUtc.getTime() - londonHour * 3_600_000);
  return scheduledAt > start ? scheduledAt : start;
}

/** The plan without what was recorded after the publication took effect. */
function withoutLater(loaded: LoadedPlan, later: { actionIds: Set<string>; updateIds: Set<string> }): LoadedPlan {
  const updatesByAction = new Map(
    [...loaded.updatesByAction].map(([actionId, updates]) => [actionId, updates.filter((u) => !later.updateIds.has((u as { id: string }).id))]),
  );
  return { ...loaded, actions: loaded.actions.filter((a) => !later.actionIds.has(a.id)), updatesByAction };
}

function actorOf(user: Reader): Actor {
  return { councilId: user.councilId, userId: user.id };
}
