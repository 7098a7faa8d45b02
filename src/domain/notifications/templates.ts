// Message kinds, their default wording and the ((placeholder)) rules (issue 15). Pure: no I/O.
// Wording is the council's: each kind has a default here that a council may replace. A message to
// an address outside the council never carries a child's name, date of birth or needs: the
// placeholders it may use are limited to references, dates, the service and the link.
import type { WorkingDayCalendar } from "../bank-holidays.ts";
import { addDays, compareDates } from "../dates.ts";

/** The kinds the daily job writes (reminders, invitations and digests), each once per key. */
export const DAILY_KINDS = [
  "adviceDueSoon",
  "adviceDueToday",
  "adviceOverdue",
  "adviceEscalated",
  "actionOverdue",
  "leadDigest",
  "reviewInvitation",
  "reviewNoticeShort",
  "caseworkerDigest",
  "managerDigest",
] as const;

export const MESSAGE_KINDS = [
  "adviceRequest",
  ...DAILY_KINDS,
  "accountInvite",
  "passwordReset",
  "familySurvey",
  "youngPersonSurvey",
  "settingSurvey",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const CHANNELS = ["log", "smtp", "notify"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  log: "Message log in this product only",
  smtp: "Email through the council's mail server (SMTP)",
  notify: "Email through GOV.UK Notify",
};

export interface KindDefinition {
  title: string;
  /** Sent to someone outside the council (a professional): the safe-wording rule applies. */
  outside: boolean;
  /** The placeholders this kind may use, with an example value for the preview. */
  placeholders: Record<string, string>;
  subject: string;
  body: string;
}

const common = { councilName: "Example Council" };

export const KINDS: Record<MessageKind, KindDefinition> = {
  adviceRequest: {
    title: "Advice request to a professional",
    outside: true,
    placeholders: {
      ...common,
      reference: "ADV-1A2B3C4D",
      service: "Health",
      dueDate: "3 March 2027",
      link: "https://send.example.gov.uk/advice/…",
      expires: "17 March 2027",
    },
    subject: "Advice request ((reference)) is due on ((dueDate))",
    body: "((councilName)) asks for your advice for an education, health and care needs assessment (SEND Regulations 2014, regulation 6). Service: ((service)).\n\nPlease return it by ((dueDate)) using this link, which works once and until ((expires)):\n\n((link))\n\nThe page shows who the advice is for. Please quote ((reference)) if you contact us.",
  },
  adviceDueSoon: {
    title: "Reminder: advice due soon",
    outside: true,
    placeholders: { ...common, reference: "ADV-1A2B3C4D", dueDate: "3 March 2027", link: "https://send.example.gov.uk/advice/…" },
    subject: "Reminder: advice request ((reference)) is due on ((dueDate))",
    body: "Advice request ((reference)) from ((councilName)) is due on ((dueDate)). If you have already returned it, thank you.\n\n((link))",
  },
  adviceDueToday: {
    title: "Reminder: advice due today",
    outside: true,
    placeholders: { ...common, reference: "ADV-1A2B3C4D", dueDate: "3 March 2027", link: "https://send.example.gov.uk/advice/…" },
    subject: "Advice request ((reference)) is due today",
    body: "Advice request ((reference)) from ((councilName)) is due today, ((dueDate)).\n\n((link))",
  },
  adviceOverdue: {
    title: "Advice overdue (to the caseworker)",
    outside: false,
    placeholders: { ...common, reference: "ADV-1A2B3C4D", dueDate: "3 March 2027", caseLink: "https://send.example.gov.uk/cases/…" },
    subject: "Advice request ((reference)) is overdue",
    body: "Advice request ((reference)) was due on ((dueDate)) and has not been returned. Open the case: ((caseLink))",
  },
  adviceEscalated: {
    title: "Advice overdue, escalated (to managers)",
    outside: false,
    placeholders: { ...common, reference: "ADV-1A2B3C4D", dueDate: "3 March 2027", daysLate: "5", caseLink: "https://send.example.gov.uk/cases/…" },
    subject: "Escalation: advice request ((reference)) is ((daysLate)) days late",
    body: "Advice request ((reference)) was due on ((dueDate)) and is ((daysLate)) days late. Open the case: ((caseLink))",
  },
  actionOverdue: {
    title: "Improvement action overdue (to its lead)",
    outside: false,
    placeholders: { ...common, actionNumber: "2.3", dueDate: "3 March 2027", actionLink: "https://send.example.gov.uk/actions/…" },
    subject: "Action ((actionNumber)) was due on ((dueDate))",
    body: "Action ((actionNumber)) in your improvement plan was due on ((dueDate)) and is not complete. Record an update: ((actionLink))",
  },
  leadDigest: {
    title: "Weekly digest to an action lead",
    outside: false,
    placeholders: { ...common, weekOf: "1 March 2027", dueCount: "2", overdueCount: "1", actionList: "2.3 due 3 March 2027 (overdue)" },
    subject: "Your improvement actions: ((overdueCount)) overdue, ((dueCount)) due in the next two weeks",
    body: "Week of ((weekOf)).\n\n((actionList))",
  },
  // SEND Regulations 2014 reg 20(4): at least two weeks' notice of the review meeting. To the family,
  // the setting and professionals, so a reference and the date only.
  reviewInvitation: {
    title: "Annual review meeting invitation (to the family, the setting and professionals)",
    outside: true,
    placeholders: { ...common, reference: "REV-1A2B3C4D", meetingDate: "17 March 2027" },
    subject: "Invitation: annual review meeting ((reference)) on ((meetingDate))",
    body: "((councilName)) invites you to the annual review meeting of an education, health and care plan on ((meetingDate)) (SEND Regulations 2014, regulation 20).\n\nWe will send the time, the place and the advice gathered for the review. Please reply quoting ((reference)) to say whether you can attend, or to send your views if you cannot.",
  },
  reviewNoticeShort: {
    title: "Review meeting with less than two weeks' notice (to the caseworker)",
    outside: false,
    placeholders: {
      ...common,
      reference: "REV-1A2B3C4D",
      childName: "Sam Smith",
      meetingDate: "17 March 2027",
      noticeBy: "3 March 2027",
      caseLink: "https://send.example.gov.uk/cases/…",
    },
    subject: "Breach: ((childName))'s review meeting on ((meetingDate)) has less than two weeks' notice",
    body: "The annual review meeting for ((childName)) (((reference))) is on ((meetingDate)). Everyone invited must have at least two weeks' notice (SEND Regulations 2014, regulation 20(4)), so the invitations had to go by ((noticeBy)). This is a breach: send the invitations now, or consider moving the meeting. Open the case: ((caseLink))",
  },
  caseworkerDigest: {
    title: "Weekly digest to a caseworker (their deadlines)",
    outside: false,
    placeholders: {
      ...common,
      weekOf: "1 March 2027",
      dueCount: "2",
      overdueCount: "1",
      deadlineList: "- 3 March 2027: Sam Smith. Decision whether to assess due 3 March 2027: 2 days left",
      worklistLink: "https://send.example.gov.uk/cases/worklists/my-cases",
    },
    subject: "Your deadlines: ((dueCount)) in the next two weeks, ((overdueCount)) overdue",
    body: "Week of ((weekOf)).\n\nDue in the next two weeks, in date order:\n((deadlineList))\n\nYour cases: ((worklistLink))",
  },
  managerDigest: {
    title: "Weekly digest to a SEND manager (breaches and near misses)",
    outside: false,
    placeholders: {
      ...common,
      weekOf: "1 March 2027",
      breachCount: "3",
      nearMissCount: "2",
      caseworkerList: "Jo Caseworker: 1 breach, 1 near miss\n- Breach: Sam Smith. Final EHC plan was due 1 March 2027: 7 days overdue",
      worklistLink: "https://send.example.gov.uk/cases/worklists/overdue",
    },
    subject: "Casework this week: ((breachCount)) breaches, ((nearMissCount)) near misses",
    body: "Week of ((weekOf)). Breaches are statutory steps overdue; near misses are not done and due in the next 7 days.\n\n((caseworkerList))\n\nThe worklists: ((worklistLink))",
  },
  accountInvite: {
    title: "Invitation to use the service (to a new person)",
    outside: false,
    placeholders: { ...common, name: "Sam Jones", link: "https://send.example.gov.uk/set-password/…", expires: "14 March 2027" },
    subject: "You have been invited to ((councilName))'s SEND service",
    body: "Dear ((name)),\n\nYou have been given an account for ((councilName))'s SEND service. Choose your password with this link, which works once and until ((expires)):\n\n((link))\n\nIf you did not expect this, ignore this email.",
  },
  passwordReset: {
    title: "Password reset (to the person)",
    outside: false,
    placeholders: { ...common, name: "Sam Jones", link: "https://send.example.gov.uk/set-password/…", expires: "14 March 2027" },
    subject: "Reset your password for ((councilName))'s SEND service",
    body: "Dear ((name)),\n\nAn administrator started a reset of your password. Choose a new one with this link, which works once and until ((expires)):\n\n((link))\n\nIf you did not expect this, tell your administrator.",
  },
  // Issue 18: to a family, so no child's name (the family knows who it is about).
  familySurvey: {
    title: "Feedback survey to a family",
    outside: true,
    placeholders: { ...common, link: "https://send.example.gov.uk/feedback/…", expires: "17 March 2027" },
    subject: "Tell us how it went: ((councilName)) SEND service",
    body: "Your child's education, health and care plan was recently issued or reviewed. We would like to know how it went for you: it takes two minutes and your answers are anonymous.\n\n((link))\n\nThe link works once and until ((expires)).",
  },
  // To the young person themself, in plain words; no name, as for a family.
  youngPersonSurvey: {
    title: "Feedback survey to a young person",
    outside: true,
    placeholders: { ...common, link: "https://send.example.gov.uk/feedback/…", expires: "17 March 2027" },
    subject: "How did it go? Tell ((councilName))",
    body: "Your education, health and care plan was made or looked at again not long ago. We want to know what you think. It takes two minutes and we will not know who said what.\n\n((link))\n\nThe link works once, until ((expires)).",
  },
  // To the school, college or setting: no child's name (they know which pupil it is about).
  settingSurvey: {
    title: "Feedback survey to a school, college or setting",
    outside: true,
    placeholders: { ...common, link: "https://send.example.gov.uk/feedback/…", expires: "17 March 2027" },
    subject: "Your feedback on an EHC plan: ((councilName)) SEND service",
    body: "An education, health and care plan for a child or young person at your setting was recently issued or reviewed. Please tell us how the process worked for you: it takes two minutes and answers are reported only in groups.\n\n((link))\n\nThe link works once and until ((expires)).",
  },
};

const PLACEHOLDER = /\(\(([A-Za-z][A-Za-z0-9]*)\)\)/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Problems with a council's wording for a kind: unknown placeholders, or empty text. */
export function checkTemplate(kind: MessageKind, subject: string, body: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const allowed = Object.keys(KINDS[kind].placeholders);
  for (const [field, text, max] of [
    ["subject", subject, 200],
    ["body", body, 5000],
  ] as const) {
    if (!text.trim()) problems.push({ field, message: `Enter the ${field === "subject" ? "subject" : "message"}` });
    else if (text.length > max)
      problems.push({ field, message: `The ${field === "subject" ? "subject" : "message"} must be ${max} characters or fewer` });
    const unknown = placeholdersIn(text).filter((p) => !allowed.includes(p));
    if (unknown.length)
      problems.push({
        field,
        message: `((${unknown[0]})) is not a placeholder this message can use. It can use: ${allowed.map((p) => `((${p}))`).join(", ")}`,
      });
  }
  return problems;
}

/** Fills ((placeholders)); a missing value is an error, never a blank in a sent message. */
export function render(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Missing placeholder value: ${name}`);
    return value;
  });
}

/**
 * Working days before `due` on which a reminder falls: the working day `days` working days
 * before it (bank holidays and weekends skipped, as the case clock counts).
 */
export function workingDaysBefore(due: string, days: number, calendar: WorkingDayCalendar): string {
  let day = due;
  let left = days;
  while (left > 0) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

export interface AdviceLinkState {
  id: string;
  due: string;
  returned: boolean;
  revoked: boolean;
}

export interface ReminderSettings {
  /** Working days before the due date for the "due soon" reminder (default 5). */
  reminderWorkingDays: number;
  /** Days after the due date on which the managers are told (default 5). */
  escalateAfterDays: number;
}

export const DEFAULT_REMINDERS: ReminderSettings = { reminderWorkingDays: 5, escalateAfterDays: 5 };

/**
 * The reminders an advice request calls for today, each with a key that makes it once only:
 * due soon (on or after the reminder day, before the due date), due today, overdue (to the
 * caseworker, once), escalated (to managers, once, `escalateAfterDays` after the due date).
 * A job that did not run for a day catches up on its next run; a returned or revoked request has none.
 */
export function adviceRemindersDue(link: AdviceLinkState, today: string, settings: ReminderSettings, calendar: WorkingDayCalendar) {
  if (link.returned || link.revoked) return [];
  const out: { kind: MessageKind; key: string }[] = [];
  const soon = workingDaysBefore(link.due, settings.reminderWorkingDays, calendar);
  const cmpDue = compareDates(today, link.due);
  if (cmpDue < 0 && compareDates(today, soon) >= 0) out.push({ kind: "adviceDueSoon", key: `adviceDueSoon:${link.id}` });
  if (cmpDue === 0) out.push({ kind: "adviceDueToday", key: `adviceDueToday:${link.id}` });
  if (cmpDue > 0) out.push({ kind: "adviceOverdue", key: `adviceOverdue:${link.id}` });
  if (compareDates(today, addDays(link.due, settings.escalateAfterDays)) >= 0)
    out.push({ kind: "adviceEscalated", key: `adviceEscalated:${link.id}` });
  return out;
}
