// Feedback from families (issue 18 part 2, SPEC B8): when a final plan is issued or an annual review
// decided, the family's contact with parental responsibility and an email address gets a one-time
// link (as advice links do, issue 15) through the notifications outbox. They answer without an
// account; the answer is saved apart from the invite, so reports cannot lead back to them, and
// figures for fewer than five answers are withheld.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { addDays, formatDate, isIsoDate } from "../../domain/dates.ts";
import {
  DEFAULT_QUESTIONS,
  questionsFromText,
  readSurveyAnswers,
  SURVEY_STAGES,
  type SurveyQuestion,
  type SurveyStage,
  surveyFigures,
} from "../../domain/quality/survey.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import type { Counter } from "../../platform/rate-limit.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import type { CaseEventHook, CasesService } from "../cases/cases.service.ts";
import { hashToken, LinkRateLimited, LinkRefused, WRONG_TOKEN_LIMIT } from "../notifications/advice-links.service.ts";
import type { NotificationsService } from "../notifications/notifications.service.ts";
import * as repository from "./feedback.repository.ts";

type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

/** A survey link works for this many days. */
export const SURVEY_LINK_DAYS = 28;

export class FeedbackService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly notifications: NotificationsService,
    cases: CasesService,
    private readonly config: { publicBaseUrl: string },
    private readonly today: () => string,
    private readonly wrongTokens?: Counter,
  ) {
    cases.onEvent(this.caseEvent);
  }

  /** After casework is recorded, in its transaction: a plan issued or a review decided sends the family a survey. */
  private readonly caseEvent: CaseEventHook = async (trx, event) => {
    const stage: SurveyStage | undefined =
      event.kind === "finalPlanIssued" ? "planIssued" : event.kind === "reviewDecision" ? "reviewHeld" : undefined;
    if (!stage) return;
    const contact = (event.record.child.contacts ?? []).find((c) => c.parentalResponsibility && c.email);
    if (!contact?.email) return;
    const stageDate = typeof event.data.date === "string" && isIsoDate(event.data.date) ? event.data.date : event.today;
    await this.invite(trx, { councilId: event.councilId, caseId: event.caseId, stage, stageDate, recipient: contact.email, today: event.today });
  };

  private async invite(trx: Trx, v: { councilId: string; caseId: string; stage: SurveyStage; stageDate: string; recipient: string; today: string }) {
    const token = randomBytes(32).toString("base64url");
    const expiresOn = addDays(v.today, SURVEY_LINK_DAYS);
    const inviteId = await repository.insertInvite(trx, {
      ...v,
      questions: (await repository.findQuestions(trx)) ?? DEFAULT_QUESTIONS,
      tokenHash: hashToken(token),
      expiresAt: new Date(`${expiresOn}T23:59:59Z`),
    });
    if (!inviteId) return;
    await this.notifications.queue(trx, v.councilId, {
      kind: "familySurvey",
      key: `familySurvey:${inviteId}`,
      recipient: v.recipient,
      caseId: v.caseId,
      values: { link: `${this.config.publicBaseUrl}/feedback/${token}`, expires: formatDate(expiresOn) },
    });
  }

  // ---- the council's questions ------------------------------------------------------------------

  async questions(user: Person): Promise<{ questions: SurveyQuestion[]; isDefault: boolean }> {
    if (!can(user.roles, "readQuality")) throw new NotAllowed("the feedback survey");
    const saved = await readAs(this.db, actorOf(user), (trx) => repository.findQuestions(trx));
    return { questions: saved ?? DEFAULT_QUESTIONS, isDefault: !saved };
  }

  /** New questions apply to invites sent from now on; each invite keeps the questions it was sent with. */
  async saveQuestions(user: Person, body: Record<string, unknown>): Promise<void> {
    if (!can(user.roles, "manageQuality")) throw new NotAllowed("the feedback survey");
    const parsed = questionsFromText(typeof body.questions === "string" ? body.questions : "");
    if (!parsed.length || "field" in (parsed[0] as object)) throw new InvalidInput(parsed as { field: string; message: string }[]);
    const questions = parsed as SurveyQuestion[];
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.saveQuestions(trx, user.councilId, questions);
      return {
        result: undefined,
        audit: { action: "quality.survey-questions-saved", subjectType: "council", subjectId: user.councilId, after: questions },
      };
    });
  }

  // ---- the family's page behind the link ---------------------------------------------------------

  async openLink(token: string, from: string) {
    const { actor, inviteId } = await this.findToken(token, from);
    return readAs(this.db, actor, async (trx) => {
      const invite = await this.usable(trx, inviteId);
      const councilName = (await trx.selectFrom("council").select("name").where("id", "=", actor.councilId).executeTakeFirst())?.name ?? "";
      return { councilName, stage: invite.stage as SurveyStage, questions: invite.questions as SurveyQuestion[] };
    });
  }

  /** Saves the answer apart from the invite (no case, no address, the month only) and closes the link. */
  async answer(token: string, from: string, body: Record<string, unknown>): Promise<void> {
    const { actor, inviteId } = await this.findToken(token, from);
    const month = `${this.today().slice(0, 7)}-01`;
    await changeAs(this.db, actor, async (trx) => {
      const invite = await this.usable(trx, inviteId);
      const questions = invite.questions as SurveyQuestion[];
      const read = readSurveyAnswers(questions, body);
      if ("problems" in read) throw new InvalidInput(read.problems as { field: string; message: string }[]);
      if (!(await repository.useInvite(trx, inviteId))) throw new LinkRefused();
      await repository.insertResponse(trx, {
        councilId: actor.councilId,
        stage: invite.stage,
        month,
        questions,
        answers: read.answers,
        comment: read.comment || null,
      });
      // The audit row says a survey was answered, never which family or what they said.
      return { result: undefined, audit: { action: "quality.survey-answered", subjectType: "survey", subjectId: invite.stage } };
    });
  }

  private async findToken(token: string, from: string): Promise<{ actor: Actor; inviteId: string }> {
    if (this.wrongTokens && (await this.wrongTokens.read(from)).count >= WRONG_TOKEN_LIMIT) throw new LinkRateLimited();
    const found = /^[A-Za-z0-9_-]{43}$/.test(token) ? await repository.findLookup(this.db, hashToken(token)) : undefined;
    if (!found) {
      await this.wrongTokens?.add(from);
      throw new LinkRefused();
    }
    return { actor: { councilId: found.council_id, userId: null }, inviteId: found.invite_id };
  }

  private async usable(trx: Trx, inviteId: string) {
    const invite = await repository.findInvite(trx, inviteId);
    if (!invite || invite.used_at || new Date(invite.expires_at) < new Date()) throw new LinkRefused();
    return invite;
  }

  // ---- figures -----------------------------------------------------------------------------------

  /** Question by question, "72% (36 of 50) agreed", for the current questions; fewer than five answers withheld. */
  async results(user: Person, query: { from?: unknown; to?: unknown; stage?: unknown }) {
    if (!can(user.roles, "readQuality")) throw new NotAllowed("the quality figures");
    const today = this.today();
    const from = typeof query.from === "string" && query.from ? query.from : addDays(today, -364);
    const to = typeof query.to === "string" && query.to ? query.to : today;
    const stage = typeof query.stage === "string" && query.stage ? query.stage : undefined;
    const problems = [];
    if (!isIsoDate(from)) problems.push({ field: "from", message: "The start must be a real date, like 2026-01-01" });
    if (!isIsoDate(to)) problems.push({ field: "to", message: "The end must be a real date, like 2026-12-31" });
    if (stage && !(SURVEY_STAGES as readonly string[]).includes(stage))
      problems.push({ field: "stage", message: "Choose after a plan was issued or after a review" });
    if (problems.length) throw new InvalidInput(problems);
    return readAs(this.db, actorOf(user), async (trx) => {
      const questions = (await repository.findQuestions(trx)) ?? DEFAULT_QUESTIONS;
      // Answers are counted by question text, so an answer to an earlier wording of the same question still counts.
      const responses = (await repository.listResponses(trx, `${from.slice(0, 7)}-01`, to, stage)).map((r) => {
        const asked = r.questions as SurveyQuestion[];
        const answers = r.answers as Record<string, string>;
        const byText: Record<string, string> = {};
        for (const q of questions) {
          const same = asked.find((a) => a.text === q.text);
          if (same && answers[same.id]) byText[q.id] = answers[same.id] as string;
        }
        return { answers: byText, comment: r.comment };
      });
      return {
        period: { from, to },
        stage: stage ?? null,
        invites: await repository.countInvites(trx, from, to),
        ...surveyFigures(questions, responses),
      };
    });
  }
}

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}
