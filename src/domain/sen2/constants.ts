// Every choice the SEN2 return makes where the public sources do not settle the point (notes on
// the format: docs/sen2-format.md, copied from the project's research notes). Change a choice
// here and the export, validation and import all follow. Each line says what is unconfirmed.

/** Census (survey) days published by the DfE [S6]; other years fall back to the third Thursday of January. */
export const CENSUS_DAYS: Readonly<Record<number, string>> = {
  2023: "2023-01-19",
  2024: "2024-01-18",
  2025: "2025-01-16",
  2026: "2026-01-15",
  2027: "2027-01-21",
};

/** UNVERIFIED: the root element. Readers only show a wrapper around Header and Persons; CIN uses Message. */
export const ROOT_ELEMENT = "Message";
/** UNVERIFIED: the value of Header/CollectionDetails/Collection for SEN2. */
export const COLLECTION = "SEN2";
/** UNVERIFIED for SEN2: the local-authority source level (CIN census uses L). */
export const SOURCE_LEVEL = "L";
export const SOFTWARE_CODE = "SEND Oversight";
export const RELEASE = "1.0";

/**
 * UNVERIFIED: where the designated officer flags go and how they are written. We put DMO, DCO and
 * DSCO under Header/LAlevel with the words DfE publishes (Yes, No, Recruiting).
 */
export const DESIGNATED_OFFICER_PARENT = "LAlevel";
export const DESIGNATED_OFFICER_VALUES = ["Yes", "No", "Recruiting"] as const;
export type DesignatedOfficerValue = (typeof DESIGNATED_OFFICER_VALUES)[number];

/** UNVERIFIED case: Capita and witan write SENsetting; a reader writes SENSetting. We write the first and read both. */
export const SETTING_ELEMENT = "SENsetting";
export const SETTING_ELEMENT_SPELLINGS = ["SENsetting", "SENSetting"] as const;
/** Element spellings seen in readers of real files, read as the names we write. */
export const ELEMENT_ALIASES: Readonly<Record<string, string>> = {
  SENSetting: "SENsetting",
  SENSettingOther: "SENsettingOther",
  PlanWPB: "PlanWBP",
  WPB: "WBP",
  ULN: "UniqueLearnerNumber",
  GenderCurrent: "Sex",
};

/**
 * UNVERIFIED: DfE's rule for a plan in force on census day is not published. witan counts a plan
 * as open when StartDate <= census day <= CeaseDate; we count a plan that ceased ON census day as
 * no longer in force (the record's own rule, currentPlan), so a plan must cease after census day.
 */
export const PLAN_CEASED_ON_CENSUS_DAY_IS_ACTIVE = false;

/** Facts dated after census day are left out: the return is the record as at census day. */
export const FACTS_AFTER_CENSUS_DAY = "left out" as const;

/**
 * INFERRED: the guide asks for no date with outcome W; we write the date the request was withdrawn
 * anyway, so a return read back in keeps it (a query, not an error, if DfE rejects it).
 */
export const WRITE_WITHDRAWN_DATE = true;

/**
 * A refusal to assess later reversed at mediation or tribunal: the guide says to keep the original
 * outcome N and its date and set the mediation/tribunal flags [S12]. The record keeps the decision
 * now in force ("assess") and the refusal's notice date (mediation.decisionNoticeSent); a decision
 * to assess after an appeal on the request is read as a reversal. UNVERIFIED: that COLLECT takes
 * the Assessment under an N request; we write it there, as the tree has nowhere else for it.
 */
export const WRITE_REVERSED_REFUSAL_AS_N = true;

/**
 * The phase transfer written with a plan in force: one whose move is in the activity year or in
 * the census year (DfE publishes reviews due and final plans issued in both [S26]; UNVERIFIED which
 * the return holds). Its due date is the day the regulation names: 15 February (school) or 31 March
 * (post-16) of the year of the move, or 5 months before a move between post-16 institutions
 * (SEND Regulations 2014 reg 18); UNVERIFIED whether DfE wants that day or the day before it.
 */
export const PHASE_TRANSFER_DUE = { school: "02-15", post16: "03-31", post16OtherMonthsBefore: 5 } as const;

/**
 * A plan whose request this council does not hold (made long ago, or transferred in) still needs a
 * Requests and Assessment entry: we write one with outcome H and the plan's start date as the
 * date received (UNVERIFIED: DfE's expected ReceivedDate for such entries).
 */
export const HISTORIC_REQUEST_RECEIVED = "plan start date" as const;

/** INFERRED: a UKPRN is 8 digits starting 1; a URN is 6 (or 7) digits. The record keeps both in one field. */
export function isUkprn(identifier: string): boolean {
  return /^1\d{7}$/.test(identifier);
}

/** RequestSource (>= 2025 return): who made the request. */
export const REQUEST_SOURCE_BY_REQUESTER: Readonly<Record<string, string>> = {
  parent: "1",
  "young-person": "1",
  school: "2",
  college: "2",
  "early-years": "2",
  health: "3",
  "social-care": "4",
  other: "5",
};
export const REQUESTER_BY_REQUEST_SOURCE: Readonly<Record<string, string>> = {
  "1": "parent",
  "2": "school",
  "3": "health",
  "4": "social-care",
  "5": "other",
};

/** UNVERIFIED code values: annual review decision (published as maintain / amend / cease). */
export const REVIEW_OUTCOME_CODES = { maintain: "M", amend: "A", cease: "C" } as const;

/** INFERRED [S10]: PlanRes, the residential setting named, A for 38 to 51 weeks a year and B for 52. */
export const PLAN_RES_CODES = { "38-51": "A", "52": "B" } as const;

/**
 * UNVERIFIED: PlanWBP's codes. The DfE publishes apprenticeships, supported internships and
 * traineeships; the letters are our choice. WBP on a placement attended is a 0/1 flag like Res.
 */
export const WORK_BASED_CODES = { apprenticeship: "A", supportedInternship: "S", traineeship: "T" } as const;

/**
 * UNVERIFIED: DP is a text item whose values are not public (the published splits are education,
 * health, social care and integrated); the record holds only whether direct payments are part of
 * the personal budget, written 1 or 0 like PB and OA.
 */
export const DIRECT_PAYMENTS_YES = "1";

/**
 * UNVERIFIED: Exported's value. Written "1" for a request withdrawn because the child or young
 * person moved out of the area before the assessment was completed, left out otherwise; any value
 * read in means yes (as D2I reads it [S10]).
 */
export const EXPORTED_YES = "1";

/**
 * ReviewDraft, "the date the draft amended plan was issued after the annual review", is written as
 * the date of the amendment notice: under reg 22(2) that notice sets out the proposed amendments,
 * which is the draft amended plan the family comments on.
 */
export const REVIEW_DRAFT_IS_AMENDMENT_NOTICE = true;

/** UNVERIFIED: Sex codes; M and F are seen in real files, U (not known) is our choice and raises a query. */
export const SEX_CODES = ["M", "F", "U"] as const;

/** UPNunknown reasons [S12]. */
export const UPN_UNKNOWN_CODES = ["UN1", "UN2", "UN3", "UN5", "UN8", "UN9", "UN10"] as const;

/** The words an imported Week20 = 1 is recorded with: SEN2 says an exception applied, not why. */
export const IMPORTED_EXCEPTION_REASON = "Recorded as a 20-week exception in the council's SEN2 return";

/** The largest SEN2 file read in: a Kent-size return (25,000 children) is well under 100 MB. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
