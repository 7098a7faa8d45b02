// Enquiries and complaints (issue 18 part 3, SPEC B9): contacts from families, young people,
// councillors and MPs, each stage with a response target in working days. Pure: "today" and the
// working-day calendar are parameters.
//
// The target: 5 working days by default, from the Thurrock Written Statement of Action 2019
// (seed 002, significant weakness 9-10, action 9-10.1: "100% of emails and calls are responded to
// within 5 days"); a council may set another for a stage (a stage 2 complaint often has 20). It is
// counted as "within N working days of receipt" (WORKING_DAYS_OF in
// src/domain/statutory/counting.ts): the day it arrives is not counted, weekends and England and
// Wales bank holidays are not working days.
import type { WorkingDayCalendar } from "../bank-holidays.ts";
import { fromDayNumber, type IsoDate, toDayNumber } from "../dates.ts";
import { workingDaysOf } from "../statutory/counting.ts";

export const DEFAULT_RESPONSE_DAYS = 5;
/** The longest target a stage may have: a whole term of working days. */
export const MAX_RESPONSE_DAYS = 65;

export const CONTACT_KINDS = ["enquiry", "complaint"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = { enquiry: "Enquiry", complaint: "Complaint" };

export const CONTACT_FROM = ["parent", "youngPerson", "councillor", "mp", "setting", "other"] as const;
export type ContactFrom = (typeof CONTACT_FROM)[number];
export const CONTACT_FROM_LABELS: Record<ContactFrom, string> = {
  parent: "Parent or carer",
  youngPerson: "Young person",
  councillor: "Councillor",
  mp: "Member of Parliament",
  setting: "School, college or setting",
  other: "Someone else",
};

export const CHANNELS = ["email", "phone", "letter", "online", "inPerson"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  email: "Email",
  phone: "Telephone",
  letter: "Letter",
  online: "Online form",
  inPerson: "In person",
};

/** An enquiry has one stage; a complaint goes stage 1, stage 2, then the Ombudsman. */
export const STAGES = ["enquiry", "stage1", "stage2", "ombudsman"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  enquiry: "Enquiry",
  stage1: "Stage 1",
  stage2: "Stage 2",
  ombudsman: "Local Government and Social Care Ombudsman",
};

/** The stage a complaint can be taken to next; none after the Ombudsman (and none for an enquiry). */
export function nextStage(stage: Stage): Stage | null {
  return stage === "stage1" ? "stage2" : stage === "stage2" ? "ombudsman" : null;
}

export const OUTCOMES = ["upheld", "partlyUpheld", "notUpheld", "answered", "withdrawn"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  upheld: "Upheld",
  partlyUpheld: "Partly upheld",
  notUpheld: "Not upheld",
  answered: "Answered (an enquiry)",
  withdrawn: "Withdrawn",
};
/** Outcomes that find the council at fault, for "complaints upheld". */
export const UPHELD: readonly Outcome[] = ["upheld", "partlyUpheld"];

export const THEMES = [
  "communication",
  "delay",
  "assessment",
  "planContent",
  "provision",
  "placement",
  "annualReview",
  "transport",
  "other",
] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABELS: Record<Theme, string> = {
  communication: "Communication",
  delay: "Delay or timeliness",
  assessment: "Assessment",
  planContent: "What the plan says",
  provision: "Provision not delivered",
  placement: "School or setting",
  annualReview: "Annual review",
  transport: "Transport",
  other: "Other",
};

/** The last day a stage may be answered in time: N working days after the day it was received. */
export function responseDue(received: IsoDate, workingDays: number, calendar: WorkingDayCalendar): IsoDate {
  return fromDayNumber(workingDaysOf(toDayNumber(received), workingDays, calendar));
}

export type StageState = "answeredInTime" | "answeredLate" | "due" | "overdue";

export const STAGE_STATE_LABELS: Record<StageState, { text: string; colour: string }> = {
  answeredInTime: { text: "Answered in time", colour: "green" },
  answeredLate: { text: "Answered late", colour: "orange" },
  due: { text: "Due", colour: "blue" },
  overdue: { text: "Overdue", colour: "red" },
};

/**
 * Where a stage stands on a day: answered (in time or late), or open (due, or overdue once the
 * last day has passed). A stage due today is not overdue.
 */
export function stageState(stage: { dueOn: IsoDate; respondedOn: IsoDate | null }, today: IsoDate): StageState {
  if (stage.respondedOn) return stage.respondedOn <= stage.dueOn ? "answeredInTime" : "answeredLate";
  return today > stage.dueOn ? "overdue" : "due";
}

/** Working days late (0 when in time): after the due day up to the answer, or to today when still open. */
export function workingDaysLate(stage: { dueOn: IsoDate; respondedOn: IsoDate | null }, today: IsoDate, calendar: WorkingDayCalendar): number {
  const end = stage.respondedOn ?? today;
  if (end <= stage.dueOn) return 0;
  return calendar.countWorkingDays(fromDayNumber(toDayNumber(stage.dueOn) + 1), end);
}
