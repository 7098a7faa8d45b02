// Feedback from families after a plan is issued or a review is held (issue 18 part 2, SPEC B8). Pure:
// the questions (the council's, or the WSOA's by default), reading an answer, and the figures, which
// are anonymous: a question answered by fewer than SMALL_NUMBER people is not shown.
import { type Share, type Shown, SMALL_NUMBER, share, suppressSmall } from "./results.ts";

export interface SurveyQuestion {
  id: string;
  text: string;
}

export const SURVEY_STAGES = ["planIssued", "reviewHeld"] as const;
export type SurveyStage = (typeof SURVEY_STAGES)[number];
export const SURVEY_STAGE_LABELS: Record<SurveyStage, string> = {
  planIssued: "After the final plan was issued",
  reviewHeld: "After an annual review",
};

/** Whom a survey is for (issue 18 part 2: "feedback from families, young people and settings"). */
export const SURVEY_RESPONDENTS = ["parentCarer", "youngPerson", "setting"] as const;
export type SurveyRespondent = (typeof SURVEY_RESPONDENTS)[number];
export const SURVEY_RESPONDENT_LABELS: Record<SurveyRespondent, string> = {
  parentCarer: "Parents and carers",
  youngPerson: "Young people",
  setting: "Schools, colleges and settings",
};

export const SURVEY_ANSWERS = ["agree", "neither", "disagree"] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];
export const SURVEY_ANSWER_LABELS: Record<SurveyAnswer, string> = {
  agree: "Agree",
  neither: "Neither agree nor disagree",
  disagree: "Disagree",
};
/** The same three answers in plain words, for young people. */
export const PLAIN_ANSWER_LABELS: Record<SurveyAnswer, string> = { agree: "Yes", neither: "Not sure", disagree: "No" };

export function answerLabels(respondent: SurveyRespondent): Record<SurveyAnswer, string> {
  return respondent === "youngPerson" ? PLAIN_ANSWER_LABELS : SURVEY_ANSWER_LABELS;
}

/** The Thurrock WSOA's parent and carer feedback form (seed 002, significant weakness 3). */
export const DEFAULT_QUESTIONS: SurveyQuestion[] = questionsFrom([
  "I felt fully involved in the process",
  "The communication with me was good",
  "The plan accurately reflects my child's needs",
  "The outcomes in the plan are good",
  "The provision in the plan will meet my child's needs",
]);

/**
 * Young people's questions, in plain words (short sentences, "I" and "my", no jargon), after the
 * five themes of the parents' form. Ours: the WSOA has a parents' form only.
 */
export const YOUNG_PERSON_QUESTIONS: SurveyQuestion[] = questionsFrom([
  "People listened to me",
  "People told me what was happening",
  "My plan says what I need help with",
  "My plan says what I want to do in the future",
  "My plan will help me get the support I need",
]);

/** Settings' questions: the same five themes, from the school's, college's or setting's side. Ours. */
export const SETTING_QUESTIONS: SurveyQuestion[] = questionsFrom([
  "We were asked for our advice, and it was used in the plan",
  "The council's communication with us was good and on time",
  "The plan describes the child or young person's needs accurately",
  "The outcomes in the plan are clear and we can measure progress against them",
  "The provision in the plan is specific and we can deliver it",
]);

export const DEFAULT_QUESTIONS_FOR: Record<SurveyRespondent, SurveyQuestion[]> = {
  parentCarer: DEFAULT_QUESTIONS,
  youngPerson: YOUNG_PERSON_QUESTIONS,
  setting: SETTING_QUESTIONS,
};

/**
 * Who gets a survey after a stage, from the child's contacts with an email address: the first with
 * parental responsibility (a parent or carer); the young person themself when a contact is recorded
 * as "Self" or "Young person"; and the setting when a contact is the school, college, nursery or its
 * SENCo. One of each at most.
 */
export function surveyRecipients(
  contacts: readonly { relationship: string; email?: string; parentalResponsibility?: boolean }[],
): { respondent: SurveyRespondent; email: string }[] {
  const withEmail = contacts.filter((c) => c.email);
  const youngPerson = withEmail.find((c) => /^\s*(self|(the )?young person)\s*$/i.test(c.relationship));
  const setting = withEmail.find((c) => /\b(school|college|setting|nursery|senco|head ?teacher)\b/i.test(c.relationship));
  const parent = withEmail.find((c) => c.parentalResponsibility && c !== youngPerson && c !== setting);
  const found: { respondent: SurveyRespondent; email: string }[] = [];
  if (parent?.email) found.push({ respondent: "parentCarer", email: parent.email });
  if (youngPerson?.email) found.push({ respondent: "youngPerson", email: youngPerson.email });
  if (setting?.email) found.push({ respondent: "setting", email: setting.email });
  return found;
}

function questionsFrom(texts: string[]): SurveyQuestion[] {
  return texts.map((text, i) => ({ id: `q${i + 1}`, text }));
}

/** The council's questions typed one a line, or what is wrong. */
export function questionsFromText(text: string): SurveyQuestion[] | { field: string; message: string }[] {
  const lines = text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length || lines.length > 12) return [{ field: "questions", message: "Enter between 1 and 12 questions, one a line" }];
  const long = lines.findIndex((l) => l.length > 300);
  if (long >= 0) return [{ field: "questions", message: `Question ${long + 1} is longer than 300 characters` }];
  return questionsFrom(lines);
}

export const MAX_SURVEY_COMMENT = 2000;

/** A family's answers: each question answered from the choices or left out, and a comment. */
export function readSurveyAnswers(questions: readonly SurveyQuestion[], body: Record<string, unknown>) {
  const problems: { field: string; message: string }[] = [];
  const answers: Record<string, SurveyAnswer> = {};
  for (const q of questions) {
    const value = typeof body[q.id] === "string" ? (body[q.id] as string) : "";
    if (!value) continue;
    if ((SURVEY_ANSWERS as readonly string[]).includes(value)) answers[q.id] = value as SurveyAnswer;
    else problems.push({ field: q.id, message: `Select agree, neither or disagree for “${q.text}”` });
  }
  const comment = typeof body.comment === "string" ? body.comment.replace(/\r\n/g, "\n").trim() : "";
  if (comment.length > MAX_SURVEY_COMMENT)
    problems.push({ field: "comment", message: `Your comments must be ${MAX_SURVEY_COMMENT.toLocaleString("en-GB")} characters or fewer` });
  if (!problems.length && !Object.keys(answers).length && !comment)
    problems.push({ field: questions[0]?.id ?? "comment", message: "Answer at least one question, or write a comment" });
  return problems.length ? { problems } : { answers, comment };
}

export interface SurveyFigures {
  responses: number;
  questions: { id: string; text: string; agreed: Shown<Share> }[];
  /** The comments, only when enough people answered to keep them anonymous. */
  comments: Shown<string[]>;
}

/** "72% (36 of 50) agreed", question by question, over the answers given to that question. */
export function surveyFigures(
  questions: readonly SurveyQuestion[],
  responses: readonly { answers: Record<string, string>; comment: string | null }[],
): SurveyFigures {
  return {
    responses: responses.length,
    questions: questions.map((q) => {
      const answered = responses.filter((r) => r.answers[q.id]);
      return {
        id: q.id,
        text: q.text,
        agreed: suppressSmall(answered.length, share(answered.filter((r) => r.answers[q.id] === "agree").length, answered.length)),
      };
    }),
    comments: suppressSmall(responses.length, responses.map((r) => r.comment ?? "").filter(Boolean)),
  };
}

export { SMALL_NUMBER };
