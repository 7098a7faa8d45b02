// Checks on a SEN2 return before it is sent, and on a file before it is read in. DfE's numbered
// rules could not be read (docs/sen2-format.md §2), so each rule here is the guide's own wording
// of what an item must hold, with our own code (S2-xx). Errors stop an export; queries need an
// explanation in COLLECT but do not.

import { validateUln, validateUpn } from "../cases/identifiers.ts";
import { CEASE_REASONS, NEED_CODES, SETTING_CODES } from "../cases/types.ts";
import { isIsoDate } from "../dates.ts";
import { SEX_CODES, UPN_UNKNOWN_CODES } from "./constants.ts";
import type { Sen2Person, Sen2Return, Sen2Setting } from "./model.ts";

export type Severity = "error" | "query";

export interface Sen2Issue {
  severity: Severity;
  rule: string;
  /** 0-based index of the person in the return; undefined for the header. */
  person?: number;
  /** "Person 3: Surname, Forename" or "Header". */
  where: string;
  /** The item, as a path of element names, e.g. "Requests[1]/Assessment/NamedPlan/PlanDetail". */
  item: string;
  message: string;
  /** The part of the case record that fixes it, when the return came from our records. */
  caseId?: string;
}

/** The rules, in plain words (the page lists them). */
export const RULES: Readonly<Record<string, { severity: Severity; text: string }>> = {
  "S2-01": { severity: "error", text: "A child needs a UPN or ULN, or else a UPNunknown reason (UN1 to UN10)" },
  "S2-02": { severity: "error", text: "A UPN must have a valid check letter; a ULN a valid check digit" },
  "S2-03": { severity: "error", text: "Dates must be real dates (YYYY-MM-DD) and not after census day" },
  "S2-04": { severity: "error", text: "Dates must be in order: birth, request received, decision, plan, cease" },
  "S2-05": { severity: "error", text: "Codes must come from the SEN2 code lists" },
  "S2-06": { severity: "error", text: "A decision to assess or not (Y or N) needs its date" },
  "S2-07": { severity: "error", text: "A named plan must name at least one setting" },
  "S2-08": { severity: "error", text: "A setting is identified by exactly one of URN, UKPRN or SEN setting code" },
  "S2-09": { severity: "error", text: "A ceased plan needs a cease reason, and a cease reason needs a cease date" },
  "S2-10": { severity: "error", text: "An active plan needs at least one SEN need, with exactly one primary (rank 1)" },
  "S2-11": { severity: "error", text: "The same UPN may not appear on two children" },
  "S2-12": { severity: "query", text: "Two children with the same name and date of birth may be one child recorded twice" },
  "S2-13": { severity: "error", text: "A plan issued (assessment outcome Y with a date) needs its named plan" },
  "S2-14": { severity: "query", text: "Sex U (not known), setting OTH or NIEO, and cease reason 9 are queried by COLLECT" },
  "S2-15": { severity: "error", text: "A transfer in needs the council it came from as a 3-digit LA number" },
  "S2-16": { severity: "error", text: "A child needs a surname, a forename and a date of birth" },
  "S2-17": { severity: "error", text: "A person has one assessment per request in this system" },
  "S2-18": { severity: "error", text: "A placement attended needs its entry date, on or before its leaving date" },
};

const OUTCOMES = ["Y", "N", "A", "W", "H"];
const ASSESSMENT_OUTCOMES = ["Y", "N", "A", "W", "H", "S"];

export function validateReturn(sen2: Sen2Return, caseIds: readonly string[] = []): Sen2Issue[] {
  const issues: Sen2Issue[] = [];
  const census = sen2.header.ReferenceDate;
  if (!/^\d{3}$/.test(sen2.header.LEA)) {
    issues.push({
      severity: "error",
      rule: "S2-05",
      where: "Header",
      item: "LEA",
      message: `The LA number must be 3 digits; it is "${sen2.header.LEA}". Set it in the council's SEN2 settings.`,
    });
  }
  if (!isIsoDate(census))
    issues.push({ severity: "error", rule: "S2-03", where: "Header", item: "ReferenceDate", message: `"${census}" is not a date` });
  const upns = new Map<string, number>();
  const namesSeen = new Map<string, number>();
  sen2.persons.forEach((p, index) => {
    const caseId = caseIds[index];
    const where = `Person ${index + 1}: ${p.Surname || "(no surname)"}, ${p.Forename || "(no forename)"}`;
    const add = (rule: string, item: string, message: string) =>
      issues.push({ severity: RULES[rule]?.severity ?? "error", rule, person: index, where, item, message, ...(caseId ? { caseId } : {}) });
    checkPerson(p, census, add);
    if (p.UPN) {
      const first = upns.get(p.UPN.toUpperCase());
      if (first !== undefined) add("S2-11", "UPN", `UPN ${p.UPN} is also on person ${first + 1}`);
      else upns.set(p.UPN.toUpperCase(), index);
    }
    const key = `${p.Surname.toLowerCase()}|${p.Forename.toLowerCase()}|${p.PersonBirthDate}`;
    const same = namesSeen.get(key);
    if (same !== undefined) add("S2-12", "Surname", `Same name and date of birth as person ${same + 1}`);
    else namesSeen.set(key, index);
  });
  return issues;
}

type Add = (rule: string, item: string, message: string) => void;

function checkPerson(p: Sen2Person, census: string, add: Add): void {
  if (!p.Surname) add("S2-16", "Surname", "The surname is missing");
  if (!p.Forename) add("S2-16", "Forename", "The forename is missing");
  const date = (item: string, value: string | undefined, required = false): string | undefined => {
    if (!value) {
      if (required) add("S2-03", item, "The date is missing");
      return undefined;
    }
    if (!isIsoDate(value)) {
      add("S2-03", item, `"${value}" is not a real date in the form YYYY-MM-DD`);
      return undefined;
    }
    if (isIsoDate(census) && value > census) {
      add("S2-03", item, `${value} is after census day (${census})`);
      return undefined;
    }
    return value;
  };
  const order = (item: string, earlier: string | undefined, later: string | undefined, words: string) => {
    if (earlier && later && later < earlier) add("S2-04", item, `${later} is before ${words} (${earlier})`);
  };
  const birth = date("PersonBirthDate", p.PersonBirthDate, true);
  if (birth && isIsoDate(census) && Number(census.slice(0, 4)) - Number(birth.slice(0, 4)) > 26)
    add("S2-04", "PersonBirthDate", `Born ${birth}: over 25 on census day, too old for an EHC plan`);
  if (!(SEX_CODES as readonly string[]).includes(p.Sex)) add("S2-05", "Sex", `"${p.Sex}" is not a sex code (M, F or U)`);
  else if (p.Sex === "U") add("S2-14", "Sex", "Sex is recorded as not known");

  if (p.UPN) {
    const upn = validateUpn(p.UPN);
    if (!upn.ok) add("S2-02", "UPN", upn.message);
  }
  if (p.UniqueLearnerNumber) {
    const uln = validateUln(p.UniqueLearnerNumber);
    if (!uln.ok) add("S2-02", "UniqueLearnerNumber", uln.message);
  }
  if (!p.UPN && !p.UniqueLearnerNumber) {
    if (!p.UPNunknown) add("S2-01", "UPNunknown", "No UPN or ULN, and no UPNunknown reason: record the UPN, or why it is not known");
    else if (!(UPN_UNKNOWN_CODES as readonly string[]).includes(p.UPNunknown))
      add("S2-05", "UPNunknown", `"${p.UPNunknown}" is not a UPNunknown reason (${UPN_UNKNOWN_CODES.join(", ")})`);
  }

  p.Requests.forEach((r, i) => {
    const at = `Requests[${i + 1}]`;
    const received = date(`${at}/ReceivedDate`, r.ReceivedDate, true);
    order(`${at}/ReceivedDate`, birth, received, "the date of birth");
    if (!OUTCOMES.includes(r.RequestOutcome))
      add("S2-05", `${at}/RequestOutcome`, `"${r.RequestOutcome}" is not a request outcome (Y, N, A, W or H)`);
    const decided = date(`${at}/RequestOutcomeDate`, r.RequestOutcomeDate);
    if ((r.RequestOutcome === "Y" || r.RequestOutcome === "N") && !r.RequestOutcomeDate)
      add("S2-06", `${at}/RequestOutcomeDate`, `Outcome ${r.RequestOutcome} needs the date the family was told`);
    order(`${at}/RequestOutcomeDate`, received, decided, "the date the request was received");
    if (r.extraAssessments) add("S2-17", `${at}/Assessment`, `${r.extraAssessments + 1} assessments on one request: only one can be read`);
    for (const [item, value] of [
      ["RequestMediation", r.RequestMediation],
      ["RequestTribunal", r.RequestTribunal],
    ] as const)
      if (value !== "0" && value !== "1") add("S2-05", `${at}/${item}`, `"${value}" must be 0 or 1`);
    const a = r.Assessment;
    if (a) {
      const aat = `${at}/Assessment`;
      if (!ASSESSMENT_OUTCOMES.includes(a.AssessmentOutcome))
        add("S2-05", `${aat}/AssessmentOutcome`, `"${a.AssessmentOutcome}" is not an assessment outcome (Y, N, A, W, H or S)`);
      const outcomeDate = date(`${aat}/AssessmentOutcomeDate`, a.AssessmentOutcomeDate);
      order(`${aat}/AssessmentOutcomeDate`, decided ?? received, outcomeDate, "the request decision");
      if (a.AssessmentOutcome === "N" && !a.AssessmentOutcomeDate)
        add("S2-06", `${aat}/AssessmentOutcomeDate`, "Outcome N needs the date the family was told");
      if (a.AssessmentOutcome === "Y" && a.AssessmentOutcomeDate && !a.NamedPlan)
        add("S2-13", `${aat}/NamedPlan`, "The plan was issued but the named plan is missing");
      if (a.Week20 !== "0" && a.Week20 !== "1") add("S2-05", `${aat}/Week20`, `"${a.Week20}" must be 0 or 1`);
      const plan = a.NamedPlan;
      if (plan) {
        const pat = `${aat}/NamedPlan`;
        const start = date(`${pat}/StartDate`, plan.StartDate, true);
        order(`${pat}/StartDate`, received, start, "the date the request was received");
        const cease = date(`${pat}/CeaseDate`, plan.CeaseDate);
        order(`${pat}/CeaseDate`, start, cease, "the plan's start date");
        if (plan.CeaseDate && !plan.CeaseReason) add("S2-09", `${pat}/CeaseReason`, "The plan ceased but no reason is recorded");
        if (plan.CeaseReason && !plan.CeaseDate) add("S2-09", `${pat}/CeaseDate`, "A cease reason is recorded but no cease date");
        if (plan.CeaseReason && !(plan.CeaseReason in CEASE_REASONS))
          add("S2-05", `${pat}/CeaseReason`, `"${plan.CeaseReason}" is not a cease reason (1 to 9)`);
        if (plan.CeaseReason === "9") add("S2-14", `${pat}/CeaseReason`, "Cease reason 9 (other) is queried by COLLECT");
        if (plan.PlanDetail.length === 0)
          add("S2-07", `${pat}/PlanDetail`, "The plan names no setting: record the placement (URN, UKPRN or SEN setting code)");
        for (const [k, s] of plan.PlanDetail.entries()) checkSetting(s, `${pat}/PlanDetail[${k + 1}]`, add, date, false);
      }
    }
    const ap = r.ActivePlans;
    if (ap) {
      const apat = `${at}/ActivePlans`;
      if (ap.TransferLA !== undefined && !/^\d{3}$/.test(ap.TransferLA))
        add("S2-15", `${apat}/TransferLA`, `"${ap.TransferLA}" is not a 3-digit LA number: record which council the plan came from`);
      // The due date is a deadline and may fall after census day; it must still be a real date.
      if (ap.PhaseTransferDueDate && !isIsoDate(ap.PhaseTransferDueDate))
        add("S2-03", `${apat}/PhaseTransferDueDate`, `"${ap.PhaseTransferDueDate}" is not a real date in the form YYYY-MM-DD`);
      date(`${apat}/PhaseTransferFinalDate`, ap.PhaseTransferFinalDate);
      const meeting = date(`${apat}/ReviewMeeting`, ap.ReviewMeeting);
      const last = date(`${apat}/LastReview`, ap.LastReview);
      order(`${apat}/LastReview`, meeting, last, "the review meeting");
      if (ap.ReviewOutcome && !["M", "A", "C"].includes(ap.ReviewOutcome))
        add("S2-05", `${apat}/ReviewOutcome`, `"${ap.ReviewOutcome}" is not a review outcome`);
      for (const [k, s] of ap.PlacementDetail.entries()) checkSetting(s, `${apat}/PlacementDetail[${k + 1}]`, add, date, true);
      if (ap.SENneed.length === 0) add("S2-10", `${apat}/SENneed`, "No SEN need is recorded: record the primary need");
      else if (ap.SENneed.filter((n) => n.SENtypeRank === "1").length !== 1)
        add("S2-10", `${apat}/SENneed`, "Exactly one need must be the primary need (rank 1)");
      for (const n of ap.SENneed)
        if (!(NEED_CODES as readonly string[]).includes(n.SENtype)) add("S2-05", `${apat}/SENneed/SENtype`, `"${n.SENtype}" is not a SEN type code`);
    }
  });
}

function checkSetting(
  s: Sen2Setting,
  at: string,
  add: Add,
  date: (item: string, value: string | undefined, required?: boolean) => string | undefined,
  attended: boolean,
): void {
  const ids = [s.URN, s.UKPRN, s.SENsetting].filter(Boolean).length;
  if (ids !== 1)
    add(
      "S2-08",
      at,
      ids === 0 ? "The setting has no URN, UKPRN or SEN setting code" : "The setting has more than one of URN, UKPRN and SEN setting code",
    );
  if (s.URN && !/^\d{6,7}$/.test(s.URN)) add("S2-08", `${at}/URN`, `"${s.URN}" is not a URN (6 or 7 digits)`);
  if (s.UKPRN && !/^1\d{7}$/.test(s.UKPRN)) add("S2-08", `${at}/UKPRN`, `"${s.UKPRN}" is not a UKPRN (8 digits starting 1)`);
  if (s.SENsetting && !(SETTING_CODES as readonly string[]).includes(s.SENsetting))
    add("S2-05", `${at}/SENsetting`, `"${s.SENsetting}" is not a SEN setting code (${SETTING_CODES.join(", ")})`);
  if (s.SENsetting === "OTH" || s.SENsetting === "NIEO") add("S2-14", `${at}/SENsetting`, `Setting ${s.SENsetting} is queried by COLLECT`);
  if (s.PlacementRank !== "1" && s.PlacementRank !== "2") add("S2-05", `${at}/PlacementRank`, `"${s.PlacementRank}" must be 1 or 2`);
  if (attended) {
    const entry = date(`${at}/EntryDate`, s.EntryDate, true);
    const leaving = date(`${at}/LeavingDate`, s.LeavingDate);
    if (entry && leaving && leaving < entry) add("S2-18", `${at}/LeavingDate`, `${leaving} is before the entry date (${entry})`);
  }
}

export function errorCount(issues: readonly Sen2Issue[]): number {
  return issues.filter((i) => i.severity === "error").length;
}
