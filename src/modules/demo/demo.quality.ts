// The demo council's year of quality evidence (issue 18, "What it must show"): agreed plan audits,
// families' survey answers and enquiries and complaints, month by month for the 12 months to today,
// shaped like the Thurrock WSOA's (audits and timeliness improving over the year), and the Thurrock
// plan's quality and communication success measures bound to the quality measures. Made up and
// deterministic: the same day gives the same data (a seeded generator). Never in production.
import type { Kysely } from "kysely";
import { englandAndWalesCalendar } from "../../domain/bank-holidays.ts";
import { addDays, addMonths, isoWeekday, laterOf } from "../../domain/dates.ts";
import { CHANNELS, CONTACT_FROM, responseDue, THEMES } from "../../domain/quality/complaints.ts";
import { allCriteria, DEFAULT_FRAMEWORK } from "../../domain/quality/framework.ts";
import { seededRandom } from "../../domain/quality/sampling.ts";
import { DEFAULT_QUESTIONS, DEFAULT_QUESTIONS_FOR } from "../../domain/quality/survey.ts";
import type { DB } from "../../platform/db-types.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import type { MeasureLinksService } from "../measures/measure-links.service.ts";
import * as complaints from "../quality/complaints.repository.ts";
import { insertResponse } from "../quality/feedback.repository.ts";
import { findLatestFramework, insertFramework, insertSample, listPlanCandidates } from "../quality/quality.repository.ts";
import { findDemoUserIds, hasQualityHistory, insertAgreedAudit, listLinkedThurrockActions } from "./demo.repository.ts";

export const DEMO_QUALITY_SEED = 20261207;

/** The Thurrock WSOA actions whose success measures are about quality and communication, and what they bind to. */
export const THURROCK_BINDINGS = [
  // 3.1: "75% of plans are judged to be good or better at audit in the first year ... 100% in year two".
  { externalId: "thurrock-wsoa-2019-3.3.1", measureId: "auditsGoodOrBetter", targetValue: "75", baselineValue: "55" },
  // Significant weakness 3's KPIs: "% of parents/carers who report ... they felt fully involved".
  { externalId: "thurrock-wsoa-2019-3.3.1", measureId: "familiesAgreed", targetValue: "80", baselineValue: "60" },
  // 7.1: "Improved practice, reduction in complaints, timescales met".
  { externalId: "thurrock-wsoa-2019-3.7.1", measureId: "complaintsUpheld", targetValue: "30", baselineValue: "50" },
  // 9-10.1: "100% of emails and calls are responded to within 5 days. Reduction in complaints".
  { externalId: "thurrock-wsoa-2019-3.9.1", measureId: "contactsAnsweredInTime", targetValue: "100", baselineValue: "65" },
  // 14.1: "Reduction in calls and complaints re communication".
  { externalId: "thurrock-wsoa-2019-3.14.1", measureId: "complaintsReceived", targetValue: "40", baselineValue: "70" },
] as const;

const NAMES = [
  "Mrs A Khan",
  "Mr J Smith",
  "Ms L Okafor",
  "Mrs R Evans",
  "Mr T Nowak",
  "Ms S Begum",
  "Mr D Price",
  "Mrs K Walsh",
  "Cllr P Reid",
  "Ms H Jones",
];
const COMMENTS = [
  "The caseworker kept us informed all the way through.",
  "It took a long time to hear back after the meeting.",
  "The plan finally describes our son properly.",
  "We were not told who our new caseworker was.",
  "Very helpful, thank you.",
];

/** Adds the year of quality evidence once; returns whether it added anything. */
export async function seedQualityHistory(
  services: { db: Kysely<DB>; measureLinks?: MeasureLinksService },
  councilId: string,
  today: string,
  say: (message: string) => void = () => {},
): Promise<boolean> {
  const { db } = services;
  const system = { councilId, userId: null };
  if (await readAs(db, system, (trx) => hasQualityHistory(trx))) return false;
  say("Adding a year of plan audits, families' survey answers and complaints (made up), and binding the Thurrock plan's measures to them");
  const random = seededRandom(DEMO_QUALITY_SEED);
  // Young people's and settings' answers draw from their own sequence, so the rest stays as it was.
  const others = seededRandom(DEMO_QUALITY_SEED + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const calendar = englandAndWalesCalendar();
  const firstMonth = `${addMonths(`${today.slice(0, 7)}-01`, -11)}`;
  const weekday = (date: string) => (isoWeekday(date) === 6 ? addDays(date, 2) : isoWeekday(date) === 7 ? addDays(date, 1) : date);

  await changeAs(db, system, async (trx) => {
    const { managerId, caseworkerId } = await findDemoUserIds(trx);
    const framework = (await findLatestFramework(trx)) ?? (await insertFramework(trx, councilId, DEFAULT_FRAMEWORK, null));
    const criteria = allCriteria(framework);
    const candidates = (await listPlanCandidates(trx)).sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
    const counts = { audits: 0, answers: 0, contacts: 0 };
    for (let m = 0; m < 12; m++) {
      const month = addMonths(firstMonth, m);
      const progress = m / 11; // the year improves, as the WSOA intends
      const day = (max = 27) => weekday(addDays(month, Math.floor(random() * max)));

      // Audits: a sample each quarter, three to five agreed each month, more of them good or better.
      if (m % 3 === 0 && candidates.length) {
        const sampleId = await insertSample(trx, {
          councilId,
          frameworkId: framework.id,
          method: "random",
          seed: DEMO_QUALITY_SEED + m,
          size: 15,
          from: month,
          to: addDays(addMonths(month, 3), -1),
          createdBy: managerId,
        });
        const drawn = new Set<string>();
        for (let q = 0; q < 3; q++) {
          const agreedMonth = addMonths(month, q);
          const n = 3 + Math.floor(random() * 3);
          for (let i = 0; i < n; i++) {
            const candidate = pick(candidates);
            const agreedOn = weekday(addDays(agreedMonth, Math.floor(random() * 27)));
            if (drawn.has(candidate.caseId) || agreedOn > today) continue;
            drawn.add(candidate.caseId);
            const good = random() < 0.55 + 0.3 * ((m + q) / 11);
            const grade = good ? (random() < 0.2 ? "outstanding" : "good") : random() < 0.8 ? "requires-improvement" : "inadequate";
            const grades = Object.fromEntries(
              criteria.map((c) => [c.id, { grade: random() < 0.8 ? grade : good ? "requires-improvement" : "good", comment: "" }]),
            );
            await insertAgreedAudit(trx, {
              councilId,
              sampleId,
              frameworkId: framework.id,
              caseId: candidate.caseId,
              caseworkerUserId: candidate.caseworkerUserId,
              caseworkerName: candidate.caseworkerName,
              auditorUserId: caseworkerId,
              moderatorUserId: managerId,
              grades,
              grade,
              summary: good ? "A clear plan in the family's words." : "Outcomes need to be specific and the provision quantified.",
              agreedOn,
            });
            counts.audits++;
          }
        }
      }

      // Families' answers: six to twelve a month, kept by month only, as real answers are.
      if (month <= today) {
        const n = 6 + Math.floor(random() * 7);
        for (let i = 0; i < n; i++) {
          const answers: Record<string, string> = {};
          for (const q of DEFAULT_QUESTIONS) {
            if (random() < 0.1) continue;
            const r = random();
            const agree = 0.6 + 0.18 * progress;
            answers[q.id] = r < agree ? "agree" : r < agree + 0.15 ? "neither" : "disagree";
          }
          await insertResponse(trx, {
            councilId,
            stage: random() < 0.5 ? "planIssued" : "reviewHeld",
            respondent: "parentCarer",
            month,
            questions: DEFAULT_QUESTIONS,
            answers,
            comment: random() < 0.25 ? pick(COMMENTS) : null,
          });
          counts.answers++;
        }
        // Two to four young people and two to four settings a month, on their own questions.
        for (const respondent of ["youngPerson", "setting"] as const) {
          const questions = DEFAULT_QUESTIONS_FOR[respondent];
          const k = 2 + Math.floor(others() * 3);
          for (let i = 0; i < k; i++) {
            const answers: Record<string, string> = {};
            for (const q of questions) {
              const r = others();
              const agree = 0.55 + 0.2 * progress;
              answers[q.id] = r < agree ? "agree" : r < agree + 0.2 ? "neither" : "disagree";
            }
            await insertResponse(trx, {
              councilId,
              stage: others() < 0.5 ? "planIssued" : "reviewHeld",
              respondent,
              month,
              questions,
              answers,
              comment: null,
            });
            counts.answers++;
          }
        }
      }

      // Enquiries and complaints: fewer over the year, and more of them answered within 5 working days.
      const contacts = 9 - Math.round(4 * progress) + Math.floor(random() * 3);
      for (let i = 0; i < contacts; i++) {
        const receivedOn = day();
        if (receivedOn > today) continue;
        const kind = random() < 0.55 ? "complaint" : "enquiry";
        const themes = [pick(THEMES)];
        if (random() < 0.3) themes.push(pick(THEMES.filter((t) => t !== themes[0])));
        const number = await complaints.nextNumber(trx);
        const id = await complaints.insertContact(trx, {
          councilId,
          number,
          kind,
          fromType: pick(CONTACT_FROM),
          fromName: pick(NAMES),
          channel: pick(CHANNELS),
          caseId: random() < 0.6 && candidates.length ? pick(candidates).caseId : null,
          summary:
            kind === "complaint" ? "Unhappy with how long the plan is taking and with not being called back." : "Asked when the plan will be sent.",
          themes,
          ownerUserId: random() < 0.5 ? managerId : caseworkerId,
          receivedOn,
          createdBy: null,
        });
        counts.contacts++;
        const dueOn = responseDue(receivedOn, 5, calendar);
        const stageId = await complaints.insertStage(trx, {
          councilId,
          complaintId: id,
          stage: kind === "enquiry" ? "enquiry" : "stage1",
          openedOn: receivedOn,
          targetWorkingDays: 5,
          dueOn,
        });
        const inTime = random() < 0.65 + 0.27 * progress;
        const respondedOn = inTime ? addDays(dueOn, -Math.floor(random() * 4)) : addDays(dueOn, 1 + Math.floor(random() * 8));
        if (respondedOn > today) continue; // still open: due, or overdue on the worklist
        const r = random();
        const outcome = kind === "enquiry" ? "answered" : r < 0.2 ? "upheld" : r < 0.45 ? "partlyUpheld" : r < 0.95 ? "notUpheld" : "withdrawn";
        await complaints.answerStage(trx, stageId, {
          respondedOn: laterOf(respondedOn, receivedOn),
          outcome,
          response: null,
        });
        if (outcome === "upheld" && random() < 0.5)
          await complaints.updateLearning(trx, id, {
            learning: "Call families back within two working days of a missed deadline.",
            learningActionId: null,
          });
        // Some complaints go to stage 2, with 20 working days.
        if (kind === "complaint" && outcome !== "withdrawn" && random() < 0.15) {
          const openedOn = weekday(addDays(respondedOn, 5 + Math.floor(random() * 10)));
          if (openedOn > today) continue;
          const due2 = responseDue(openedOn, 20, calendar);
          const stage2 = await complaints.insertStage(trx, {
            councilId,
            complaintId: id,
            stage: "stage2",
            openedOn,
            targetWorkingDays: 20,
            dueOn: due2,
          });
          const answered2 = addDays(due2, random() < 0.85 ? -Math.floor(random() * 6) : 3);
          if (answered2 <= today)
            await complaints.answerStage(trx, stage2, {
              respondedOn: answered2,
              outcome: random() < 0.3 ? "partlyUpheld" : "notUpheld",
              response: null,
            });
        }
      }
    }
    return { result: undefined, audit: { action: "demo.quality-seeded", subjectType: "council", subjectId: councilId, after: counts } };
  });

  // The Thurrock plan's quality and communication success measures, bound as a lead would (audited).
  if (services.measureLinks) {
    const actions = await readAs(db, system, (trx) => listLinkedThurrockActions(trx, [...new Set(THURROCK_BINDINGS.map((b) => b.externalId))]));
    const target = `${Number(today.slice(0, 4)) + (today.slice(5) > "03-31" ? 1 : 0)}-03-31`;
    for (const binding of THURROCK_BINDINGS) {
      const action = actions.find((a) => a.external_id === binding.externalId);
      if (!action || action.bound.includes(binding.measureId)) continue;
      await services.measureLinks.bind(system, ["improvement_lead"], action.id, {
        measureId: binding.measureId,
        targetValue: binding.targetValue,
        targetDate: target,
        baselineValue: binding.baselineValue,
        baselineDate: firstMonth,
      });
    }
  }
  return true;
}
