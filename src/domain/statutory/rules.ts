// Every statutory time limit of an EHC case (CFA 2014 Part 3, SEND Regulations 2014, HESC
// Tribunal Rules 2008) as a row of data. The calculator reads these
// rows and knows nothing about any particular regulation, so a new period is a new row.
//
// A row says: which deadline (key), the step in plain English, who must act, when the period
// starts (an "anchor": an event in the input, or a date derived from events) and how it is
// counted (counting.ts), what event fulfils it, when it does not apply, which exceptions can
// relieve it, and the provision it comes from.

import type { Counting } from "./counting.ts";

export const DEADLINE_KEYS = [
  "assessment.decision",
  "advice.due",
  "assessment.noPlanNotice",
  "draft.representationsEnd",
  "assessment.finalPlan",
  "review.due",
  "review.underFive",
  "review.invitationsBy",
  "review.reportBy",
  "review.decisionBy",
  "amendment.representationsEnd",
  "amendment.finalBy",
  "phaseTransfer.school",
  "phaseTransfer.post16",
  "phaseTransfer.post16Other",
  "reassessment.decision",
  "reassessment.finalPlan",
  "transfer.planTransferBy",
  "transfer.notifyBy",
  "transfer.reviewBy",
  "mediation.contactBy",
  "mediation.certificateBy",
  "appeal.lodgeBy",
  "order.notify",
  "order.noPlanDecision",
  "order.draft",
  "order.finalPlan",
  "order.amendedPlan",
  "order.placement",
  "unopposed.notify",
  "unopposed.noPlanDecision",
  "unopposed.finalPlan",
  "unopposed.amendedPlan",
] as const;

export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** Dates a period can start from, or that can fulfil a deadline. */
export const ANCHORS = {
  // Events exactly as given in the input (the calculator's contract, input.ts).
  requestReceived: "events.requestReceived",
  decisionNotified: "events.decisionNotified",
  noPlanNoticeSent: "events.noPlanNoticeSent",
  draftServed: "events.draftServed",
  finalPlanIssued: "events.finalPlanIssued",
  planMade: "events.planMade",
  reviewMeeting: "events.reviewMeeting",
  previousReviewMeeting: "events.previousReviewMeeting",
  reviewReportCirculated: "events.reviewReportCirculated",
  reviewDecisionNotified: "events.reviewDecisionNotified",
  amendmentNoticeSent: "events.amendmentNoticeSent",
  amendedPlanIssued: "events.amendedPlanIssued",
  phaseTransferFinalised: "events.phaseTransferFinalised",
  reassessmentRequestReceived: "events.reassessmentRequestReceived",
  reassessmentDecisionNotified: "events.reassessmentDecisionNotified",
  oldCouncilAware: "events.oldCouncilAware",
  moveDate: "events.moveDate",
  transferredIn: "events.transferredIn",
  decisionNoticeSent: "events.decisionNoticeSent",
  mediationAdviserTold: "events.mediationAdviserTold",
  mediationCertificateIssued: "events.mediationCertificateIssued",
  // Derived from the events by the calculator.
  reviewCycleStart: "events.previousReviewMeeting, or else events.planMade",
  reviewHeld: "events.reviewMeeting, once it has taken place",
  annualCycleStart: "events.previousReviewMeeting, or else events.planMade (not after a transfer in: transfer.reviewBy governs)",
  annualReviewHeld: "events.reviewMeeting once held (after a transfer in, only the new council's meeting)",
  reviewHeldAfterTransfer: "events.reviewMeeting on or after events.transferredIn, once it has taken place",
  amendmentNoticeAfterMeeting: "events.amendmentNoticeSent, when it is not before events.reviewMeeting",
  lastReviewBeforeTransfer: "the plan or its last review before events.transferredIn",
  schoolTransferYear: "events.transferYear (or the year worked out from events.childDateOfBirth) for a school transfer",
  post16TransferYear: "events.transferYear (or the year worked out from events.childDateOfBirth) for a move to post-16",
  post16OtherTransferDate: "events.transferDate for a move between post-16 institutions",
  orderToAssess: "events.tribunalOrder with kind assess",
  orderToMakePlan: "events.tribunalOrder with kind makePlan",
  orderToAmend: "events.tribunalOrder with kind amend",
  orderOnPlacement: "events.tribunalOrder with kind placement",
  unopposedAssessmentAppeal: "events.unopposedNotice with kind assessment",
  unopposedContentsAppeal: "events.unopposedNotice with kind contents",
  adviceReceived: "the advice request's received date",
  adviceReturned: "the advice request's returned date",
} as const;

export type Anchor = keyof typeof ANCHORS;

/** Yes/no facts from the input. */
export type Flag = "childUnderFive" | "placementOnlyAppeal";

export interface PeriodStart {
  from: Anchor;
  counting: Counting;
  /** When absent, this start is left out; otherwise the row needs it. */
  optional?: true;
}

export interface StatutoryRule {
  key: DeadlineKey;
  /** Tells apart rows that share a key (e.g. the next annual review). */
  subject?: string;
  step: string;
  actor: string;
  /** One start, or several: the due date is the later of them. */
  starts: readonly PeriodStart[];
  /** The Tribunal Rules move this deadline off non-working days (HESC Rules r12). */
  tribunalRollForward?: true;
  /** Events that fulfil the deadline; with several, the later of those given. */
  metBy?: readonly Anchor[];
  /** Events or facts that make the deadline not applicable. */
  notApplicableWhen?: readonly (Anchor | Flag)[];
  /** Only when this fact is true. */
  onlyWhen?: Flag;
  /** §3 exceptions that can relieve this limit, and where they are. */
  exceptions?: { grounds: "assessment" | "advice"; provision: string };
  /** Guidance, not law: never a breach. */
  advisory?: true;
  /** One deadline per advice request, with the service as subject. */
  perAdviceRequest?: true;
  provision: string;
  basis: string;
}

const REGS = "SEND Regulations 2014";

const w = (weeks: number): Counting => ({ convention: "WEEKS", weeks });

const ORDER_BASIS =
  "When the tribunal orders the council to act, the council must comply within the time the regulations set: " +
  "2 weeks to tell the family it will assess (order to assess) or to name the school (placement only), " +
  "10 weeks to tell the family it will not issue a plan and 14 weeks to issue the final plan (order to assess), " +
  "5 weeks to issue the draft and 11 weeks to issue the final plan (order to make a plan), " +
  "5 weeks to issue the amended plan (order to amend).";

const UNOPPOSED_BASIS =
  "When the council tells the tribunal it will not oppose an appeal, the appeal is treated as determined in the family's favour " +
  "and the council must act within the time counted from that notice: 2 weeks to tell the family it will assess, " +
  "10 weeks to tell the family it will not issue a plan, 14 weeks to issue the final plan (assessment appeals), " +
  "5 weeks to issue the amended plan (appeals about the contents of a plan).";

export const STATUTORY_RULES: readonly StatutoryRule[] = [
  {
    key: "assessment.decision",
    step: "Decide whether to carry out an EHC needs assessment, and tell the family",
    actor: "the council",
    starts: [{ from: "requestReceived", counting: w(6) }],
    metBy: ["decisionNotified"],
    exceptions: { grounds: "assessment", provision: `${REGS} reg 5(4)` },
    provision: `${REGS} reg 5(1)`,
    basis:
      "The council must tell the child's parent or the young person whether it will carry out an EHC needs assessment " +
      "as soon as practicable and in any event within 6 weeks of receiving the request.",
  },
  {
    key: "advice.due",
    step: "Give advice and information for the EHC needs assessment",
    actor: "the body asked for advice",
    perAdviceRequest: true,
    starts: [{ from: "adviceReceived", counting: w(6) }],
    metBy: ["adviceReturned"],
    exceptions: { grounds: "advice", provision: `${REGS} reg 8(2)` },
    provision: `${REGS} reg 8(1)`,
    basis:
      "A body asked to help with an EHC needs assessment (for example health, social care or educational psychology) " +
      "must give its advice within 6 weeks of the date it receives the request. A waiting list is not an excuse.",
  },
  {
    key: "assessment.noPlanNotice",
    step: "Tell the family that the council will not issue an EHC plan",
    actor: "the council",
    starts: [{ from: "requestReceived", counting: w(16) }],
    metBy: ["noPlanNoticeSent"],
    notApplicableWhen: ["finalPlanIssued", "draftServed"],
    exceptions: { grounds: "assessment", provision: `${REGS} reg 10(4)` },
    provision: `${REGS} reg 10(1)`,
    basis:
      "If, after the assessment, the council decides not to issue an EHC plan, it must tell the family within 16 weeks " +
      "of receiving the request. It does not apply once a draft or final plan has been issued.",
  },
  {
    key: "draft.representationsEnd",
    step: "The family comments on the draft plan, asks for a school or college to be named, or asks for a meeting",
    actor: "the family",
    starts: [{ from: "draftServed", counting: { convention: "DAYS_BEGINNING", days: 15 } }],
    provision: `${REGS} reg 13(1)(a)`,
    basis:
      "The family must have at least 15 days, beginning with the day the draft plan was served, to comment on it and ask " +
      "for a particular school or college. The final plan must not be issued before this period has ended.",
  },
  {
    key: "assessment.finalPlan",
    step: "Issue the final EHC plan",
    actor: "the council",
    starts: [{ from: "requestReceived", counting: w(20) }],
    metBy: ["finalPlanIssued"],
    notApplicableWhen: ["noPlanNoticeSent"],
    exceptions: { grounds: "assessment", provision: `${REGS} reg 13(3)` },
    provision: `${REGS} reg 13(2)`,
    basis:
      "The final EHC plan must be issued as soon as practicable and in any event within 20 weeks of the council receiving " +
      "the request: on or before the request date plus 140 days.",
  },
  {
    key: "review.due",
    step: "Hold the annual review of the EHC plan",
    actor: "the council",
    // STATUTORY.md §4 (2026-12): after a transfer in, not shown until the new council's review is
    // held (transfer.reviewBy governs, Regs 15(5)); the cycle then runs from that meeting.
    starts: [{ from: "annualCycleStart", counting: { convention: "MONTHS_STARTING", months: 12 } }],
    metBy: ["annualReviewHeld"],
    provision: "Children and Families Act 2014 s44(1)",
    basis:
      "The council must review the plan within the 12 months starting with the date it was first made, and then within " +
      "each 12 months starting with the date of the last review meeting.",
  },
  {
    key: "review.due",
    subject: "next review",
    step: "Hold the annual review of the EHC plan",
    actor: "the council",
    starts: [{ from: "annualReviewHeld", counting: { convention: "MONTHS_STARTING", months: 12 } }],
    provision: "Children and Families Act 2014 s44(1)",
    basis:
      "The council must review the plan within the 12 months starting with the date it was first made, and then within " +
      "each 12 months starting with the date of the last review meeting.",
  },
  {
    key: "review.underFive",
    subject: "3 months",
    step: "Consider reviewing the plan of a child under five",
    actor: "the council",
    onlyWhen: "childUnderFive",
    advisory: true,
    starts: [{ from: "reviewCycleStart", counting: { convention: "MONTHS_STARTING", months: 3 } }],
    metBy: ["reviewHeld"],
    provision: "SEND Code of Practice 2015 para 9.178",
    basis:
      "For a child under five the Code of Practice says the council should consider reviewing the plan every 3 to 6 months. " +
      "This is guidance, not a legal time limit: missing it is not a breach.",
  },
  {
    key: "review.underFive",
    subject: "6 months",
    step: "Consider reviewing the plan of a child under five",
    actor: "the council",
    onlyWhen: "childUnderFive",
    advisory: true,
    starts: [{ from: "reviewCycleStart", counting: { convention: "MONTHS_STARTING", months: 6 } }],
    metBy: ["reviewHeld"],
    provision: "SEND Code of Practice 2015 para 9.178",
    basis:
      "For a child under five the Code of Practice says the council should consider reviewing the plan every 3 to 6 months. " +
      "This is guidance, not a legal time limit: missing it is not a breach.",
  },
  {
    key: "review.invitationsBy",
    step: "Send the review meeting invitations and circulate the advice gathered for the review",
    actor: "the council or the school",
    starts: [{ from: "reviewMeeting", counting: { convention: "WEEKS_BEFORE", weeks: 2 } }],
    provision: `${REGS} reg 20(3)-(4) and 21(3)-(4)`,
    basis:
      "Everyone invited to the review meeting must have at least two weeks' notice of it, and the advice and information " +
      "gathered for the review must be circulated at least two weeks before the meeting.",
  },
  {
    key: "review.reportBy",
    step: "Circulate the report of the review meeting",
    actor: "the council or the school",
    starts: [{ from: "reviewMeeting", counting: w(2) }],
    metBy: ["reviewReportCirculated"],
    provision: `${REGS} reg 20 and 21(7)`,
    basis: "Within 2 weeks of the review meeting, a report of the meeting must be prepared and sent to everyone invited.",
  },
  {
    key: "review.decisionBy",
    step: "Decide to keep, amend or cease the plan and tell the family, with the proposed amendments if amending",
    actor: "the council",
    starts: [{ from: "reviewMeeting", counting: w(4) }],
    metBy: ["reviewDecisionNotified", "amendmentNoticeAfterMeeting"],
    provision: `${REGS} reg 20 and 22; R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)`,
    basis:
      "Within 4 weeks of the review meeting the council must decide whether to keep the plan as it is, amend it or stop " +
      "maintaining it, and tell the family. If it is amending the plan, the amendment notice with the proposed amendments " +
      "must be sent within the same 4 weeks (Devon, 2022).",
  },
  {
    key: "amendment.representationsEnd",
    step: "The family comments on the proposed amendments",
    actor: "the family",
    starts: [{ from: "amendmentNoticeSent", counting: { convention: "DAYS_BEGINNING", days: 15 } }],
    provision: `${REGS} reg 22(2)`,
    basis:
      "The family must have at least 15 days, beginning with the day the amendment notice was sent, to comment on the " +
      "proposed amendments and ask for a school or college.",
  },
  {
    key: "amendment.finalBy",
    step: "Issue the final amended plan",
    actor: "the council",
    starts: [{ from: "amendmentNoticeSent", counting: w(8) }],
    metBy: ["amendedPlanIssued"],
    provision: `${REGS} reg 22(3)`,
    basis:
      "The final amended plan must be issued within 8 weeks of the amendment notice being sent: no more than 12 weeks " +
      "after the review meeting when the notice was on time.",
  },
  {
    key: "phaseTransfer.school",
    step: "Review and amend the plan to name the school for the next phase",
    actor: "the council",
    starts: [{ from: "schoolTransferYear", counting: { convention: "BEFORE_DATE", month: 2, day: 15 } }],
    metBy: ["phaseTransferFinalised"],
    provision: `${REGS} reg 18(1)(b)`,
    basis:
      "When a child moves between phases (early years to school, infant to junior, primary to middle or secondary, " +
      "middle to secondary), the plan must be reviewed and amended to name the new school before 15 February in the " +
      "calendar year of the move.",
  },
  {
    key: "phaseTransfer.post16",
    step: "Review and amend the plan for the move from secondary school to post-16",
    actor: "the council",
    starts: [{ from: "post16TransferYear", counting: { convention: "BEFORE_DATE", month: 3, day: 31 } }],
    metBy: ["phaseTransferFinalised"],
    provision: `${REGS} reg 18(1)(a)`,
    basis:
      "When a young person moves from secondary school to a post-16 institution, the plan must be reviewed and amended " +
      "before 31 March in the calendar year of the move.",
  },
  {
    key: "phaseTransfer.post16Other",
    step: "Review and amend the plan for a move between post-16 institutions",
    actor: "the council",
    starts: [{ from: "post16OtherTransferDate", counting: { convention: "MONTHS_BEFORE", months: 5 } }],
    metBy: ["phaseTransferFinalised"],
    provision: `${REGS} reg 18(2)`,
    basis: "For any other move between post-16 institutions, the plan must be reviewed and amended at least 5 months before the move.",
  },
  {
    key: "reassessment.decision",
    step: "Decide whether to re-assess, and tell the family",
    actor: "the council",
    starts: [{ from: "reassessmentRequestReceived", counting: { convention: "DAYS_OF", days: 15 } }],
    metBy: ["reassessmentDecisionNotified"],
    provision: `${REGS} reg 25(1)`,
    basis: "The council must decide whether to re-assess, and tell the family, within 15 days of receiving the request.",
  },
  {
    key: "reassessment.finalPlan",
    step: "Issue the plan after the re-assessment",
    actor: "the council",
    starts: [{ from: "reassessmentDecisionNotified", counting: w(14) }],
    exceptions: { grounds: "assessment", provision: `${REGS} reg 27(3)` },
    provision: `${REGS} reg 27(2)`,
    basis:
      "When the council has decided to re-assess, it must issue the plan within 14 weeks of telling the family of that " +
      "decision. It does not apply if the council decided not to re-assess.",
  },
  {
    key: "transfer.planTransferBy",
    step: "Transfer the plan to the new council",
    actor: "the old council",
    starts: [
      { from: "oldCouncilAware", counting: { convention: "WORKING_DAYS_BEGINNING", days: 15 } },
      { from: "moveDate", counting: { convention: "ON_DATE" }, optional: true },
    ],
    metBy: ["transferredIn"],
    provision: `${REGS} reg 15(2)`,
    basis:
      "When the family moves to another council, the old council must transfer the plan on the day of the move; if it " +
      "learned of the move less than 15 working days before, within 15 working days beginning with the day it learned of it.",
  },
  {
    key: "transfer.notifyBy",
    step: "Tell the family when the plan will be reviewed and whether the new council will re-assess",
    actor: "the new council",
    starts: [{ from: "transferredIn", counting: w(6) }],
    provision: `${REGS} reg 15(4)`,
    basis: "Within 6 weeks of the transfer the new council must tell the family when it will review the plan and whether it will re-assess.",
  },
  {
    key: "transfer.reviewBy",
    step: "Review the transferred plan",
    actor: "the new council",
    starts: [
      { from: "transferredIn", counting: { convention: "MONTHS_STARTING", months: 3 } },
      { from: "lastReviewBeforeTransfer", counting: { convention: "MONTHS_STARTING", months: 12 }, optional: true },
    ],
    metBy: ["reviewHeldAfterTransfer"],
    provision: `${REGS} reg 15(5)`,
    basis:
      "The new council must review the plan within 12 months of it being made or last reviewed, or within 3 months of " +
      "the transfer, whichever is later.",
  },
  {
    key: "mediation.contactBy",
    step: "Contact a mediation adviser before appealing",
    actor: "the family",
    starts: [{ from: "decisionNoticeSent", counting: { convention: "MONTHS_AFTER", months: 2 } }],
    metBy: ["mediationAdviserTold"],
    notApplicableWhen: ["placementOnlyAppeal"],
    provision: `${REGS} reg 33`,
    basis:
      "A family that wants to appeal must contact a mediation adviser within 2 months after the council's decision notice " +
      "was sent. An appeal only about the school or college named does not need a mediation certificate.",
  },
  {
    key: "mediation.certificateBy",
    step: "Issue the mediation certificate",
    actor: "the mediation adviser",
    starts: [{ from: "mediationAdviserTold", counting: { convention: "WORKING_DAYS_OF", days: 3 } }],
    metBy: ["mediationCertificateIssued"],
    provision: `${REGS} reg 34(1)`,
    basis:
      "When the family tells the mediation adviser they do not want mediation (or it cannot be arranged), the adviser " +
      "must issue a certificate within 3 working days.",
  },
  {
    key: "appeal.lodgeBy",
    step: "The appeal reaches the tribunal",
    actor: "the family",
    starts: [
      { from: "decisionNoticeSent", counting: { convention: "MONTHS_AFTER", months: 2 } },
      { from: "mediationCertificateIssued", counting: { convention: "MONTHS_AFTER", months: 1 }, optional: true },
    ],
    tribunalRollForward: true,
    provision: "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c) and r12",
    basis:
      "The appeal must reach the tribunal within 2 months after the decision notice was sent, or 1 month after the " +
      "mediation certificate was issued, whichever is later. A deadline on a non-working day moves to the next working " +
      "day; one between 25 December and 1 January, or in August, moves to the first working day after 1 January or 31 August.",
  },
  {
    key: "order.notify",
    step: "Tell the family the council will assess, as the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderToAssess", counting: w(2) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.noPlanDecision",
    step: "Tell the family it will not issue a plan, after a tribunal order to assess",
    actor: "the council",
    starts: [{ from: "orderToAssess", counting: w(10) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.finalPlan",
    step: "Issue the final plan, as the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderToAssess", counting: w(14) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.draft",
    step: "Issue the draft plan, as the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderToMakePlan", counting: w(5) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.finalPlan",
    step: "Issue the final plan, as the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderToMakePlan", counting: w(11) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.amendedPlan",
    step: "Issue the amended plan, as the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderToAmend", counting: w(5) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "order.placement",
    step: "Name the school or college the tribunal ordered",
    actor: "the council",
    starts: [{ from: "orderOnPlacement", counting: w(2) }],
    provision: `${REGS} reg 44(2)`,
    basis: ORDER_BASIS,
  },
  {
    key: "unopposed.notify",
    step: "Tell the family the council will assess, after not opposing the appeal",
    actor: "the council",
    starts: [{ from: "unopposedAssessmentAppeal", counting: w(2) }],
    provision: `${REGS} reg 45`,
    basis: UNOPPOSED_BASIS,
  },
  {
    key: "unopposed.noPlanDecision",
    step: "Tell the family it will not issue a plan, after not opposing the appeal",
    actor: "the council",
    starts: [{ from: "unopposedAssessmentAppeal", counting: w(10) }],
    provision: `${REGS} reg 45`,
    basis: UNOPPOSED_BASIS,
  },
  {
    key: "unopposed.finalPlan",
    step: "Issue the final plan, after not opposing the appeal",
    actor: "the council",
    starts: [{ from: "unopposedAssessmentAppeal", counting: w(14) }],
    provision: `${REGS} reg 45`,
    basis: UNOPPOSED_BASIS,
  },
  {
    key: "unopposed.amendedPlan",
    step: "Issue the amended plan, after not opposing an appeal about its contents",
    actor: "the council",
    starts: [{ from: "unopposedContentsAppeal", counting: w(5) }],
    provision: `${REGS} reg 45`,
    basis: UNOPPOSED_BASIS,
  },
];

export interface DeadlineDescription {
  key: DeadlineKey;
  step: string;
  actor: string;
  provision: string;
  basis: string;
  advisory: boolean;
  /** Whether the Tribunal Rules move it off non-working days. */
  movesOffNonWorkingDays: boolean;
}

const DESCRIPTIONS = new Map<string, DeadlineDescription>();
for (const rule of STATUTORY_RULES) {
  if (DESCRIPTIONS.has(rule.key)) continue;
  DESCRIPTIONS.set(rule.key, {
    key: rule.key,
    step: rule.step,
    actor: rule.actor,
    provision: rule.provision,
    basis: rule.basis,
    advisory: rule.advisory === true,
    movesOffNonWorkingDays: rule.tribunalRollForward === true,
  });
}

/** The step, who acts, the provision and the plain-English basis of a deadline key, for pages. */
export function describeDeadline(key: string): DeadlineDescription | undefined {
  return DESCRIPTIONS.get(key);
}

/** Every row for a key (a key can have several, e.g. order.finalPlan after different orders). */
export function rulesForKey(key: string): StatutoryRule[] {
  return STATUTORY_RULES.filter((rule) => rule.key === key);
}
