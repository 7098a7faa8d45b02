// The SEN2 person-level return as data: one object per XML element, keys are the element names
// (docs/sen2-format.md §1.2), values are the text written. Optional items are left out when empty.

export interface Sen2Header {
  Collection: string;
  Year: string;
  ReferenceDate: string;
  SourceLevel: string;
  LEA: string;
  SoftwareCode: string;
  Release: string;
  SerialNo: string;
  DateTime: string;
  DMO?: string;
  DCO?: string;
  DSCO?: string;
}

export interface Sen2Setting {
  URN?: string;
  UKPRN?: string;
  SENsetting?: string;
  SENsettingOther?: string;
  PlacementRank: string;
  EntryDate?: string;
  LeavingDate?: string;
  SENunitIndicator?: string;
  ResourcedProvisionIndicator?: string;
  Res?: string;
  WBP?: string;
}

export interface Sen2NamedPlan {
  StartDate: string;
  PlanRes?: string;
  PlanWBP?: string;
  PB?: string;
  OA?: string;
  DP?: string;
  CeaseDate?: string;
  CeaseReason?: string;
  PlanDetail: Sen2Setting[];
}

export interface Sen2Assessment {
  AssessmentOutcome: string;
  AssessmentOutcomeDate?: string;
  AssessmentMediation: string;
  AssessmentTribunal: string;
  OtherMediation?: string;
  OtherTribunal?: string;
  Week20: string;
  NamedPlan?: Sen2NamedPlan;
}

export interface Sen2ActivePlans {
  TransferLA?: string;
  ReviewMeeting?: string;
  ReviewOutcome?: string;
  ReviewDraft?: string;
  PhaseTransferDueDate?: string;
  PhaseTransferFinalDate?: string;
  LastReview?: string;
  PlacementDetail: Sen2Setting[];
  SENneed: { SENtype: string; SENtypeRank: string }[];
}

export interface Sen2Request {
  ReceivedDate: string;
  RequestSource?: string;
  RYA?: string;
  RequestOutcomeDate?: string;
  RequestOutcome: string;
  RequestMediation: string;
  RequestTribunal: string;
  Exported?: string;
  Assessment?: Sen2Assessment;
  ActivePlans?: Sen2ActivePlans;
  /** Read only: how many more Assessment elements the file had than the one read. */
  extraAssessments?: number;
}

export interface Sen2Person {
  Surname: string;
  Forename: string;
  PersonBirthDate: string;
  Sex: string;
  Ethnicity?: string;
  PostCode?: string;
  UPN?: string;
  UniqueLearnerNumber?: string;
  UPNunknown?: string;
  Requests: Sen2Request[];
}

export interface Sen2Return {
  header: Sen2Header;
  persons: Sen2Person[];
}

/** Council settings the header needs (SPEC C4). */
export interface Sen2Settings {
  laNumber: string;
  dmo?: string;
  dco?: string;
  dsco?: string;
}
