// Feedback from families (issue 18 part 2, SPEC B8): when a final plan is issued or an annual review
// decided, the family's contact with parental responsibility and an email address gets a one-time
// link (as advice links do, issue 15) through the notifications outbox. They answer without an
// account; the answer is saved apart from the invite, so reports cannot lead back to them, and
// figures for fewer than five answers are withheld.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { addDays, formatDate, isIsoDate } from "../../domain/dates.ts";
import {
  DEFAULT_QUESTIONS_FOR,
  questionsFromText,
  readSurveyAnswers,
  SURVEY_RESPONDENTS,
  SURVEY_STAGES,
  type SurveyQuestion,
  type SurveyRespondent,
  type SurveyStage,
  surveyFigures,
  surveyRecipients,
} from "../../domain/quality/survey.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { strictForm, textFields } from "../../platform/forms.ts";
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

  /**
   * After casework is recorded, in its transaction: a plan issued or a review decided sends a survey
   * to the family, and to the young person and the setting where their contact is recorded.
   */
  private readonly caseEvent: CaseEventHook = async (trx, event) => {
    const stage: SurveyStage | undefined =
      event.kind === "finalPlanIssued" ? "planIssued" : event.kind === "reviewDecision" ? "reviewHeld" : undefined;
    if (!stage) return;
    const stageDate = typeof event.data.date === "string" && isIsoDate(event.data.date) ? event.data.date : event.today;
    for (const { respondent, email } of surveyRecipients(event.record.child.contacts ?? [])) {
      await this.invite(trx, {
        councilId: event.councilId,
        caseId: event.caseId,
        stage,
        stageDate,
        respondent,
        recipient: email,
        today: event.today,
      });
    }
  };

  private async invite(
    trx: Trx,
    v: { councilId: string; caseId: string; stage: SurveyStage; stageDate: string; respondent: SurveyRespondent; recipient: string; today: string },
  ) {
    const token = randomBytes(32).toString("base64url");
    const expiresOn = addDays(v.today, SURVEY_LINK_DAYS);
    const inviteId = await repository.insertInvite(trx, {
      ...v,
      questions: (await repository.findQuestions(trx, v.respondent)) ?? DEFAULT_QUESTIONS_FOR[v.respondent],
      tokenHash: hashToken(token),
      expiresAt: new Date(`${expiresOn}T23:59:59Z`),
    });
    if (!inviteId) return;
    const kind = MESSAGE_KIND_FOR[v.respondent];
    await this.notifications.queue(trx, v.councilId, {
      kind,
      key: `${kind}:${inviteId}`,
      recipient: v.recipient,
      caseId: v.caseId,
      values: { link: `${this.config.publicBaseUrl}/feedback/${token}`, expires: formatDate(expiresOn) },
    });
  }

  // ---- the council's questions ------------------------------------------------------------------

  /** The questions for each kind of respondent: the council's, or the default. */
  async questions(user: Person): Promise<{ respondent: SurveyRespondent; questions: SurveyQuestion[]; isDefault: boolean }[]> {
    if (!can(user.roles, "readQuality")) throw new NotAllowed("the feedback survey");
    return readAs(this.db, actorOf(user), async (trx) => {
      const all = [];
      for (const respondent of SURVEY_RESPONDENTS) {
        const saved = await repository.findQuestions(trx, respondent);
        all.push({ respondent, questions: saved ?? DEFAULT_QUESTIONS_FOR[respondent], isDefault: !saved });
      }
      return all;
    });
  }

  /** New questions apply to invites sent from now on; each invite keeps the questions it was sent with. */
  async saveQuestions(user: Person, body: Record<string, unknown>): Promise<void> {
    if (!can(user.roles, "manageQuality")) throw new NotAllowed("the feedback survey");
    // The form for parents and carers sent no respondent before young people's and settings' surveys.
    const respondent = typeof body.respondent === "string" && body.respondent ? body.respondent : "parentCarer";
    if (!(SURVEY_RESPONDENTS as readonly string[]).includes(respondent))
      throw new InvalidInput([{ field: "questions", message: "Choose whose questions to change: parents and carers, young people or settings" }]);
    const parsed = questionsFromText(typeof body.questions === "string" ? body.questions : "");
    if (!parsed.length || "field" in (parsed[0] as object)) throw new InvalidInput(parsed as { field: string; message: string }[]);
    const questions = parsed as SurveyQuestion[];
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.saveQuestions(trx, user.councilId, respondent, questions);
      return {
        result: undefined,
        audit: { action: "quality.survey-questions-saved", subjectType: "council", subjectId: user.councilId, after: { respondent, questions } },
      };
    });
  }

  // ---- the family's page behind the link ---------------------------------------------------------

  async openLink(token: string, from: string) {
    const { actor, inviteId } = await this.findToken(token, from);
    return readAs(this.db, actor, async (trx) => {
      const invite = await this.usable(trx, inviteId);
      const councilName = (await trx.selectFrom("council").select("name").where("id", "=", actor.councilId).executeTakeFirst())?.name ?? "";
      return {
        councilName,
        stage: invite.stage as SurveyStage,
        respondent: invite.respondent as SurveyRespondent,
        questions: invite.questions as SurveyQuestion[],
      };
    });
  }

  /** Saves the answer apart from the invite (no case, no address, the month only) and closes the link. */
  async answer(token: string, from: string, body: Record<string, unknown>): Promise<void> {
    const { actor, inviteId } = await this.findToken(token, from);
    const month = `${this.today().slice(0, 7)}-01`;
    await changeAs(this.db, actor, async (trx) => {
      const invite = await this.usable(trx, inviteId);
      const questions = invite.questions as SurveyQuestion[];
      // Strict (issue 12): only this invite's questions and the comment; anything else saves nothing.
      const read = readSurveyAnswers(questions, strictForm(body, textFields(...questions.map((q) => q.id), "comment"), ["token"]));
      if ("problems" in read) throw new InvalidInput(read.problems as { field: string; message: string }[]);
      if (!(await repository.useInvite(trx, inviteId))) throw new LinkRefused();
      await repository.insertResponse(trx, {
        councilId: actor.councilId,
        stage: invite.stage,
        respondent: invite.respondent,
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

  /**
   * Question by question, "72% (36 of 50) agreed", for each kind of respondent on its current
   * questions; fewer than five answers withheld. The top level is `respondent`'s (parents and carers
   * unless asked), as before young people's and settings' surveys; `byRespondent` has all three.
   */
  async results(user: Person, query: { from?: unknown; to?: unknown; stage?: unknown; respondent?: unknown }) {
    if (!can(user.roles, "readQuality")) throw new NotAllowed("the quality figures");
    const today = this.today();
    const from = typeof query.from === "string" && query.from ? query.from : addDays(today, -364);
    const to = typeof query.to === "string" && query.to ? query.to : today;
    const stage = typeof query.stage === "string" && query.stage ? query.stage : undefined;
    const respondent = typeof query.respondent === "string" && query.respondent ? query.respondent : "parentCarer";
    const problems = [];
    if (!isIsoDate(from)) problems.push({ field: "from", message: "The start must be a real date, like 2026-01-01" });
    if (!isIsoDate(to)) problems.push({ field: "to", message: "The end must be a real date, like 2026-12-31" });
    if (stage && !(SURVEY_STAGES as readonly string[]).includes(stage))
      problems.push({ field: "stage", message: "Choose after a plan was issued or after a review" });
    if (!(SURVEY_RESPONDENTS as readonly string[]).includes(respondent))
      problems.push({ field: "respondent", message: "Choose parents and carers, young people or settings" });
    if (problems.length) throw new InvalidInput(problems);
    return readAs(this.db, actorOf(user), async (trx) => {
      const responses = await repository.listResponses(trx, `${from.slice(0, 7)}-01`, to, stage);
      const invites = await repository.countInvites(trx, from, to);
      const byRespondent = [];
      for (const kind of SURVEY_RESPONDENTS) {
        const questions = (await repository.findQuestions(trx, kind)) ?? DEFAULT_QUESTIONS_FOR[kind];
        // Answers are counted by question text, so an answer to an earlier wording of the same question still counts.
        const mine = responses
          .filter((r) => r.respondent === kind)
          .map((r) => {
            const asked = r.questions as SurveyQuestion[];
            const answers = r.answers as Record<string, string>;
            const byText: Record<string, string> = {};
            for (const q of questions) {
              const same = asked.find((a) => a.text === q.text);
              if (same && answers[same.id]) byText[q.id] = answers[same.id] as string;
            }
            return { answers: byText, comment: r.comment };
          });
        const sent = invites.find((i) => i.respondent === kind);
        byRespondent.push({ respondent: kind, invites: { sent: sent?.sent ?? 0, answered: sent?.answered ?? 0 }, ...surveyFigures(questions, mine) });
      }
      const chosen = byRespondent.find((r) => r.respondent === respondent) as (typeof byRespondent)[number];
      return {
        period: { from, to },
        stage: stage ?? null,
        respondent,
        invites: chosen.invites,
        responses: chosen.responses,
        questions: chosen.questions,
        comments: chosen.comments,
        byRespondent,
      };
    });
  }
}

/** The message each kind of respondent is sent (its wording is the council's, under Messages). */
const MESSAGE_KIND_FOR = { parentCarer: "familySurvey", youngPerson: "youngPersonSurvey", setting: "settingSurvey" } as const;

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}
