// What of a child's case a plan quality audit needs (issue 18 part 1): the plan's needs, its
// history (request, advice, draft and final plan, versions, reviews) and the current setting. A
// health or social care auditor sees this and nothing else of the casework: no address, contacts,
// identifiers (UPN, ULN, NHS number), timeline notes or reasons. Pure.
import { ADVICE_SERVICE_LABELS, type CaseRecord, NEED_LABELS, SETTING_TYPE_LABELS } from "../cases/types.ts";
import type { IsoDate } from "../dates.ts";

export interface PlanForAudit {
  childName: string;
  dateOfBirth: IsoDate;
  needs: string[];
  request: {
    received: IsoDate;
    decided: IsoDate | null;
    advice: { service: string; received: IsoDate; returned: IsoDate | null }[];
    draftServed: IsoDate | null;
    finalPlanIssued: IsoDate | null;
  } | null;
  plan: { made: IsoDate; versions: { issued: IsoDate; kind: string }[] } | null;
  reviews: { meeting: IsoDate; decided: IsoDate | null; outcome: string | null }[];
  setting: { name: string; type: string } | null;
}

const VERSION_KINDS: Record<string, string> = { final: "Final plan", amended: "Amended plan", "phase-transfer": "Amended at a phase transfer" };

/** The current plan (or the latest), the request it came from and the setting the child is at on `today`. */
export function planForAudit(record: Pick<CaseRecord, "child" | "requests" | "plans" | "reviews" | "placements">, today: IsoDate): PlanForAudit {
  const plan = record.plans.filter((p) => !p.ceased).at(-1) ?? record.plans.at(-1);
  const request = (plan?.requestId ? record.requests.find((r) => r.id === plan.requestId) : undefined) ?? record.requests.at(-1);
  const placement = record.placements.filter((p) => p.start <= today && (!p.end || p.end >= today)).at(-1);
  return {
    childName: `${record.child.firstName} ${record.child.lastName}`,
    dateOfBirth: record.child.dateOfBirth,
    needs: [...record.child.needs].sort((a, b) => a.rank - b.rank).map((n) => `${NEED_LABELS[n.code] ?? n.code}${n.rank === 1 ? " (primary)" : ""}`),
    request: request
      ? {
          received: request.received,
          decided: request.decision?.date ?? null,
          advice: request.adviceRequests.map((a) => ({
            service: ADVICE_SERVICE_LABELS[a.service] ?? a.service,
            received: a.received,
            returned: a.returned ?? null,
          })),
          draftServed: request.draftServed ?? null,
          finalPlanIssued: request.finalPlanIssued ?? null,
        }
      : null,
    plan: plan ? { made: plan.made, versions: plan.versions.map((v) => ({ issued: v.issued, kind: VERSION_KINDS[v.kind] ?? v.kind })) } : null,
    reviews: record.reviews.map((r) => ({ meeting: r.meeting, decided: r.decision?.date ?? null, outcome: r.decision?.outcome ?? null })),
    setting: placement ? { name: placement.settingName, type: SETTING_TYPE_LABELS[placement.settingType] ?? placement.settingType } : null,
  };
}
