// Partners' comments (issue 13 part 6): a parent carer forum or partner representative (role
// `partner`, read-only on plans) comments on an action, attributed with their name and
// organisation. Comments are pre-moderated: nobody but the author sees one until the improvement
// lead approves it; the lead may instead hide it with a reason, which the author is shown. Both
// the comment and the lead's decision are audited. Approved comments appear on the action's page
// and in the meeting pack as "what partners said".
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { can, type Permission } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import * as plans from "../plans/plans.repository.ts";
import { isUuid } from "../plans/plans.service.ts";
import * as repository from "./comments.repository.ts";

export type Commenter = Pick<CurrentUser, "id" | "councilId" | "roles" | "displayName">;

export const COMMENT_MAX = 2000;
export const REASON_MAX = 500;

export type ModerationState = "pending" | "approved" | "hidden";

export const MODERATION_LABELS: Record<ModerationState, string> = {
  pending: "Waiting for the improvement lead",
  approved: "Shown",
  hidden: "Not shown",
};

export interface CommentView {
  id: string;
  actionId: string;
  author: string;
  organisation: string;
  comment: string;
  /** When it was made, UTC; `date` is its day in England. */
  createdAt: string;
  date: string;
  dateText: string;
  moderation: ModerationState;
  moderationLabel: string;
  /** Why the lead did not show it (hidden comments only, shown to their author and to leads). */
  hiddenReason: string | null;
}

export function commentView(row: repository.CommentRow): CommentView {
  const createdAt = new Date(row.created_at);
  const date = londonToday(createdAt);
  const moderation = row.moderation as ModerationState;
  return {
    id: row.id,
    actionId: row.action_id,
    author: row.author_name,
    organisation: row.organisation,
    comment: row.body,
    createdAt: createdAt.toISOString(),
    date,
    dateText: formatDate(date),
    moderation,
    moderationLabel: MODERATION_LABELS[moderation],
    hiddenReason: row.hidden_reason,
  };
}

const text = (value: unknown): string => (typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "");

export class CommentsService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * An action's comments as this person may see them: approved ones for everyone who reads plans;
   * a partner's own comments whatever their state; every comment for those who moderate.
   */
  async commentsOnAction(user: Commenter, actionId: string) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user), async (trx) => {
      const action = await this.mustFindAction(trx, actionId);
      const moderates = can(user.roles, "moderateComments");
      const rows = await repository.listCommentsForAction(trx, action.id);
      const comments = rows.filter((c) => c.moderation === "approved" || moderates || c.author_user_id === user.id).map(commentView);
      return {
        action: { id: action.id, planId: action.plan_id, number: action.number, text: action.text, retired: !!action.retired_on },
        comments,
        canComment: can(user.roles, "commentOnActions") && !action.retired_on,
        canModerate: moderates,
        pending: moderates ? comments.filter((c) => c.moderation === "pending").length : 0,
      };
    });
  }

  /** The organisation a partner gave last time, to fill in the form. */
  async lastOrganisation(user: Commenter): Promise<string> {
    return readAs(this.db, actorOf(user), async (trx) => (await repository.lastOrganisationOf(trx, user.id)) ?? "");
  }

  /** A partner's comment on an action: saved waiting for the lead, audited. */
  async addComment(user: Commenter, actionId: string, body: Record<string, unknown>): Promise<CommentView> {
    this.check(user, "commentOnActions", "comment on actions");
    const organisation = text(body.organisation);
    const comment = text(body.comment);
    const problems: FieldProblem[] = [];
    if (!organisation)
      problems.push({ field: "organisation", message: "Enter the organisation you speak for, like Southend SEND Independent Forum" });
    else if (organisation.length > 200) problems.push({ field: "organisation", message: "Organisation must be 200 characters or fewer" });
    if (!comment) problems.push({ field: "comment", message: "Enter your comment on the action" });
    else if (comment.length > COMMENT_MAX)
      problems.push({ field: "comment", message: `Comment must be ${COMMENT_MAX.toLocaleString("en-GB")} characters or fewer` });
    return changeAs(this.db, actorOf(user), async (trx) => {
      const action = await this.mustFindAction(trx, actionId);
      if (action.retired_on)
        problems.push({
          field: "comment",
          message: `Action ${action.number} was retired on ${formatDate(action.retired_on)}: it takes no more comments`,
        });
      if (problems.length) throw new InvalidInput(problems);
      const id = await repository.insertComment(trx, {
        councilId: user.councilId,
        actionId: action.id,
        authorUserId: user.id,
        authorName: user.displayName,
        organisation,
        body: comment,
      });
      const saved = commentView((await repository.findComment(trx, id)) as repository.CommentRow);
      return {
        result: saved,
        audit: {
          action: "action.partner-comment.added",
          subjectType: "plan_action",
          subjectId: action.id,
          after: { commentId: id, author: saved.author, organisation, comment },
        },
      };
    });
  }

  /** The comments on a plan's actions waiting for the lead. */
  async pendingForPlan(user: Commenter, planId: string) {
    this.check(user, "moderateComments", "moderate partners' comments");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    return readAs(this.db, actorOf(user), async (trx) => {
      const plan = await plans.findPlan(trx, planId);
      if (!plan) throw new NotFound("No such plan.");
      const rows = await repository.listPendingForPlan(trx, planId);
      return {
        plan: { id: plan.id, title: plan.title },
        comments: rows.map((r) => ({ ...commentView(r), actionNumber: r.action_number, actionText: r.action_text })),
      };
    });
  }

  /**
   * The lead approves a comment (it is shown from then on) or hides it with a reason (the author
   * sees the reason; nobody else sees the comment). A comment is decided once.
   */
  async moderate(user: Commenter, commentId: string, body: Record<string, unknown>): Promise<CommentView> {
    this.check(user, "moderateComments", "moderate partners' comments");
    if (!isUuid(commentId)) throw new NotFound("No such comment.");
    const decision = text(body.decision);
    const reason = text(body.reason);
    const problems: FieldProblem[] = [];
    if (decision !== "approve" && decision !== "hide") problems.push({ field: "decision", message: "Select whether to show the comment or not" });
    else if (decision === "hide" && !reason)
      problems.push({ field: "reason", message: "Enter why the comment is not shown; its author will see it" });
    else if (reason.length > REASON_MAX) problems.push({ field: "reason", message: `Reason must be ${REASON_MAX} characters or fewer` });
    return changeAs(this.db, actorOf(user), async (trx) => {
      const before = await repository.findComment(trx, commentId);
      if (!before) throw new NotFound("No such comment.");
      if (problems.length) throw new InvalidInput(problems);
      const moderation = decision === "approve" ? "approved" : "hidden";
      const done = await repository.moderateComment(trx, commentId, user.id, { moderation, hiddenReason: moderation === "hidden" ? reason : null });
      if (!done)
        throw new InvalidInput([
          {
            field: "decision",
            message: `This comment has already been decided: ${MODERATION_LABELS[before.moderation as ModerationState].toLowerCase()}`,
          },
        ]);
      const after = commentView((await repository.findComment(trx, commentId)) as repository.CommentRow);
      return {
        result: after,
        audit: {
          action: moderation === "approved" ? "action.partner-comment.approved" : "action.partner-comment.hidden",
          subjectType: "plan_action",
          subjectId: before.action_id,
          before: { commentId, moderation: before.moderation },
          after: { commentId, moderation, hiddenReason: after.hiddenReason },
        },
      };
    });
  }

  private async mustFindAction(trx: Parameters<typeof plans.findAction>[0], actionId: string) {
    const action = isUuid(actionId) ? await plans.findAction(trx, actionId) : undefined;
    if (!action) throw new NotFound("No such action.");
    return action;
  }

  private check(user: Commenter, permission: Permission, what: string): void {
    if (!can(user.roles, permission)) throw new NotAllowed(what);
  }
}

function actorOf(user: Commenter): Actor {
  return { councilId: user.councilId, userId: user.id };
}
