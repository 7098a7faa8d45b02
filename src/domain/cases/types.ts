// A child's case as the casework feature holds it (SPEC B1-B4): who the child is, their requests
// for an EHC needs assessment, plans, placements, reviews, visits and phase transfers.
//
// The record is the current state derived from recorded events, which are appended and never
// changed (DESIGN.md "Append, don't overwrite"). So every fact is a dated entry in a list, and a
// later step is a date added to its entry, never an overwritten one: the record as at any past
// date is the same shape with the later entries left out. Dates are `YYYY-MM-DD`.

import type { IsoDate } from "../dates.ts";

// ---- Code lists (DfE SEN2 return guide) ---------------------------------------------------------

/** SEN2 need codes. Rank 1 is the primary need. */
export const NEED_CODES = ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH"] as const;
export type NeedCode = (typeof NEED_CODES)[number];

export const NEED_LABELS: Readonly<Record<NeedCode, string>> = {
  SPLD: "Specific learning difficulty",
  MLD: "Moderate learning difficulty",
  SLD: "Severe learning difficulty",
  PMLD: "Profound and multiple learning difficulty",
  SEMH: "Social, emotional and mental health",
  SLCN: "Speech, language and communication needs",
  HI: "Hearing impairment",
  VI: "Vision impairment",
  MSI: "Multi-sensory impairment",
  PD: "Physical disability",
  ASD: "Autistic spectrum disorder",
  DS: "Down syndrome",
  OTH: "Other difficulty or disability",
};

/** SEN2 setting codes for a placement without a URN or UKPRN. */
export const SETTING_CODES = ["OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO"] as const;
export type SettingCode = (typeof SETTING_CODES)[number];

// Wording after the SEN2 guide; check against the current year's technical specification.
export const SETTING_CODE_LABELS: Readonly<Record<SettingCode, string>> = {
  OLA: "Other arrangements made by the council (education otherwise than at school)",
  OPA: "Other arrangements made by parents",
  EHE: "Elective home education",
  EYP: "Early years provider without a URN",
  OTH: "Other",
  NEET: "Not in education, employment or training",
  NIEC: "Not in education: child missing education",
  NIEO: "Not in education: other",
};

export const SETTING_TYPES = ["mainstream", "resourced", "special", "independent", "post16", "other"] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export const SETTING_TYPE_LABELS: Readonly<Record<SettingType, string>> = {
  mainstream: "Mainstream",
  resourced: "Resourced provision or SEN unit",
  special: "Maintained special school",
  independent: "Independent or non-maintained special school",
  post16: "Post-16 institution",
  other: "Other",
};

/** SEN2 reasons a plan ceased (module 4). */
export const CEASE_REASONS = {
  1: "Reached maximum age (the end of the academic year in which they turned 25)",
  2: "Needs met without an EHC plan",
  3: "Moved on to higher education",
  4: "Moved on to paid employment, excluding apprenticeships",
  5: "Moved to another council in England",
  6: "Young person no longer wishes to engage in education or training",
  7: "Moved outside England",
  8: "Died",
  9: "Other",
} as const;
export type CeaseReason = keyof typeof CEASE_REASONS;

export const ADVICE_SERVICES = ["educational-psychology", "health", "social-care", "education", "other"] as const;
export type AdviceService = (typeof ADVICE_SERVICES)[number];

export const ADVICE_SERVICE_LABELS: Readonly<Record<AdviceService, string>> = {
  "educational-psychology": "Educational psychology",
  health: "Health",
  "social-care": "Social care",
  education: "Education (the school, college or early years setting)",
  other: "Other",
};

export const REQUESTERS = ["parent", "young-person", "school", "college", "early-years", "health", "social-care", "other"] as const;
export type Requester = (typeof REQUESTERS)[number];

export const REQUESTER_LABELS: Readonly<Record<Requester, string>> = {
  parent: "Parent or carer",
  "young-person": "The young person",
  school: "School",
  college: "College",
  "early-years": "Early years setting",
  health: "Health service",
  "social-care": "Social care",
  other: "Someone else",
};

export const SEXES = ["F", "M", "U"] as const;
/** SEN2 sex: F, M, or U (not known). */
export type Sex = (typeof SEXES)[number];

// ---- The child ----------------------------------------------------------------------------------

export interface Caseworker {
  id: string;
  name: string;
}

export interface Need {
  code: NeedCode;
  /** 1 is the primary need, 2 the secondary. */
  rank: number;
}

export interface Contact {
  name: string;
  relationship: string;
  phone?: string;
  email?: string;
  /** Has parental responsibility. */
  parentalResponsibility?: boolean;
}

export interface Child {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  sex: Sex;
  /** DfE ethnicity code, e.g. WBRI, MWBC, ABAN, NOBT (information not yet obtained). */
  ethnicity: string;
  postcode: string;
  /** Validated with validateUpn, stored upper case. */
  upn?: string;
  /** Validated with validateUln. */
  uln?: string;
  /** SEN2 UPNunknown reason (UN1-UN10) when the child has neither UPN nor ULN. */
  upnUnknown?: string;
  /** Validated with validateNhsNumber, stored as 10 digits. */
  nhsNumber?: string;
  /** The council responsible, when it is not the one holding the record (an out-of-area child). */
  homeLocalAuthority?: string;
  needs: Need[];
  contacts?: Contact[];
  /** The EHC coordinator responsible for the case. */
  caseworker: Caseworker;
}

// ---- Requests for an EHC needs assessment (SPEC B2) ---------------------------------------------

export interface AssessmentDecision {
  /** The day the family was told (Regs 5(1)). */
  date: IsoDate;
  outcome: "assess" | "refuse";
  reasons?: string;
}

export interface AdviceRequestRecord {
  service: AdviceService;
  /** Who was asked, e.g. "Community paediatrics". */
  provider?: string;
  /** The professional's email address, for the secure link to return advice (issue 15). */
  email?: string;
  /** The day the body received the request (Regs 8(1) counts from it). */
  received: IsoDate;
  returned?: IsoDate;
  /** Asked of the head of a school, college or early years provider (Regs 5(4)(a)/(b) closures). */
  headOfInstitution: boolean;
  /** The child missed an appointment the body made (Regs 8(2)(c)). */
  missedAppointment?: IsoDate;
}

/**
 * A recorded reason the council could not meet the 6, 16 or 20-week limits (SEND Regulations 2014 reg 5(4), 10(4) and 13(3)).
 * School closures of 4 weeks or more are council data (options.closures); a closure recorded here
 * applies to this request only.
 */
export interface StatutoryException {
  ground: "personal-circumstances" | "absence" | "closure";
  /** First day. */
  from: IsoDate;
  /** Last day (for a closure, the last day closed). */
  to: IsoDate;
  reason: string;
}

export interface MediationAndAppeal {
  decisionNoticeSent?: IsoDate;
  mediationAdviserTold?: IsoDate;
  mediationCertificateIssued?: IsoDate;
  appealLodged?: IsoDate;
  placementOnlyAppeal?: boolean;
  /** Mediation, or an appeal, about something other than the decisions to assess and to issue a plan (SEN2 OtherMediation, OtherTribunal). */
  otherMediation?: boolean;
  otherAppeal?: boolean;
}

export interface AssessmentRequest {
  id: string;
  received: IsoDate;
  requestedBy: Requester;
  decision?: AssessmentDecision;
  adviceRequests: AdviceRequestRecord[];
  draftServed?: IsoDate;
  finalPlanIssued?: IsoDate;
  /** The decision not to issue a plan after assessing (Regs 10(1)). */
  noPlanNoticeSent?: IsoDate;
  /** `movedAway`: the child or young person moved out of the area before the assessment was completed (SEN2 Exported). */
  withdrawn?: { date: IsoDate; reason?: string; movedAway?: boolean };
  /** Made while the young person was in relevant youth accommodation (SEN2 RYA; Children and Families Act 2014 s70). */
  youthAccommodation?: boolean;
  exceptions: StatutoryException[];
  mediation?: MediationAndAppeal;
}

// ---- Plans and placements (SPEC B3) -------------------------------------------------------------

export interface PlanVersion {
  issued: IsoDate;
  kind: "final" | "amended" | "phase-transfer";
  note?: string;
}

export interface Plan {
  id: string;
  /** The day the plan was first made (the final plan issued); the annual review clock starts here. */
  made: IsoDate;
  /** The request it came from, when the council holds it. */
  requestId?: string;
  versions: PlanVersion[];
  ceased?: { date: IsoDate; reason: CeaseReason; note?: string };
  /**
   * A plan made by another council and transferred to this one (SEND Regulations 2014 reg 15):
   * the day it was transferred, the old council, and its last review meeting if there was one.
   */
  transferredIn?: { date: IsoDate; from?: string; lastReview?: IsoDate };
  /** A personal budget taken up (Children and Families Act 2014 s49), and how it is paid (SEN2 PB, OA, DP). */
  personalBudget?: { organisedArrangements: boolean; directPayments: boolean };
}

/** Work-based learning named for a young person (SEN2 PlanWBP, WBP: the DfE's published categories). */
export const WORK_BASED_KINDS = ["apprenticeship", "supportedInternship", "traineeship"] as const;
export type WorkBasedKind = (typeof WORK_BASED_KINDS)[number];
export const WORK_BASED_LABELS: Record<WorkBasedKind, string> = {
  apprenticeship: "Apprenticeship",
  supportedInternship: "Supported internship",
  traineeship: "Traineeship",
};

export interface Placement {
  id: string;
  settingName: string;
  /** The setting's URN (schools) or UKPRN (colleges). */
  urn?: string;
  /** For a placement without a URN. */
  settingCode?: SettingCode;
  settingType: SettingType;
  /** The setting is outside the council's area. */
  outOfAuthority: boolean;
  residential: boolean;
  /** For a residential place: 38 to 51 weeks a year, or 52 (SEN2 PlanRes). */
  residentialWeeks?: "38-51" | "52";
  /** Work-based learning (SEN2 PlanWBP, WBP). */
  workBased?: WorkBasedKind;
  /** The place is in an SEN unit rather than resourced provision (SEN2 SENunitIndicator). */
  senUnit?: boolean;
  /** What the setting is, in words, for setting codes OTH and NIEO (SEN2 SENsettingOther). */
  settingDescription?: string;
  /** An independent or non-maintained setting. */
  independent: boolean;
  start: IsoDate;
  /** The last day; absent while the placement continues. */
  end?: IsoDate;
}

/** A period with an open end: `to` absent while it continues. Both days included. */
export interface OpenPeriod {
  from: IsoDate;
  to?: IsoDate;
  note?: string;
}

export interface MonitoringVisit {
  date: IsoDate;
  /** The placement visited, when recorded. */
  placementId?: string;
  visitedBy?: string;
}

// ---- Annual reviews and phase transfers (SPEC B4) -----------------------------------------------

/** Someone invited to an annual review meeting (SEND Regs 2014 reg 20(3)): emailed when an address is given. */
export interface ReviewInvitee {
  role: "family" | "setting" | "professional";
  /** Who they are, as the caseworker wrote it: for the case record, never put in the email. */
  name: string;
  email?: string;
}

export interface AnnualReview {
  id: string;
  /** The review meeting, held or booked. */
  meeting: IsoDate;
  /** Who is invited (recorded with the meeting); each with an address gets an invitation (reg 20(4)). */
  invitees?: ReviewInvitee[];
  reportCirculated?: IsoDate;
  decision?: { date: IsoDate; outcome: "maintain" | "amend" | "cease" };
  amendmentNoticeSent?: IsoDate;
  amendedPlanIssued?: IsoDate;
}

export interface PhaseTransferRecord {
  /** The calendar year of the move (in September). */
  year: number;
  kind: "school" | "post16" | "post16Other";
  /** For post16Other: the day of the move. */
  transferDate?: IsoDate;
  /** "Year 6", "Year 11". */
  from?: string;
  /** "Year 7 (secondary school)", "post-16". */
  to?: string;
  /** The plan was amended to name the next setting. */
  finalised?: IsoDate;
}

// ---- The case -----------------------------------------------------------------------------------

export interface CaseRecord {
  id: string;
  child: Child;
  /** Oldest first. */
  requests: AssessmentRequest[];
  /** Oldest first; at most one is current (made and not ceased). */
  plans: Plan[];
  /** Oldest first; overlapping placements are allowed (a dual placement). */
  placements: Placement[];
  awaitingProvision: OpenPeriod[];
  missingEducation: OpenPeriod[];
  monitoringVisits: MonitoringVisit[];
  /** Oldest first, for the current plan. */
  reviews: AnnualReview[];
  phaseTransfers: PhaseTransferRecord[];
}

/** A case with nothing recorded yet: the start of every record. */
export function newCaseRecord(id: string, child: Child): CaseRecord {
  return {
    id,
    child,
    requests: [],
    plans: [],
    placements: [],
    awaitingProvision: [],
    missingEducation: [],
    monitoringVisits: [],
    reviews: [],
    phaseTransfers: [],
  };
}
