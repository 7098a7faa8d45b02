// Roles and what each may do (SPEC D1). Pure data: services check these before any read or
// change, and row-level security in the database is the backstop.

export const ROLES = [
  "administrator",
  "send_manager",
  "caseworker",
  "improvement_lead",
  "board_member",
  "councillor",
  "partner",
  "quality_auditor",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: "Administrator",
  send_manager: "SEND manager",
  caseworker: "Caseworker",
  improvement_lead: "Improvement lead",
  board_member: "Board member",
  councillor: "Councillor (read only)",
  partner: "Partner (parent carer forum or partner representative)",
  quality_auditor: "Quality auditor (health or social care)",
};

export const PERMISSIONS = {
  /** Create people and give them roles. */
  manageUsers: ["administrator"],
  /** See the audit trail of the council. */
  readAudit: ["administrator", "send_manager"],
  /** Create and change improvement plans, actions and updates. */
  editPlans: ["administrator", "send_manager", "improvement_lead"],
  /** Read improvement plans and their reports. */
  readPlans: ["administrator", "send_manager", "caseworker", "improvement_lead", "board_member", "councillor", "partner"],
  /**
   * Comment on an action (issue 13 part 6): a parent carer forum or partner representative. Partners
   * read plans and change nothing else; their comments wait for the improvement lead's approval.
   */
  commentOnActions: ["partner"],
  /** Approve partners' comments or hide them with a reason: the people who keep plans. */
  moderateComments: ["administrator", "send_manager", "improvement_lead"],
  /** Read and record children's casework. Board members and councillors see no child-level data. */
  readCases: ["send_manager", "caseworker"],
  editCases: ["send_manager", "caseworker"],
  /**
   * Make, check and read in the SEN2 return. It holds every child's details, so only SEND managers:
   * administrators see no child-level data (readCases).
   */
  manageReturns: ["send_manager"],
  /** Record the council's school closure periods, which the statutory clock uses for exceptions. */
  manageClosures: ["administrator", "send_manager"],
  /** Read the council's measures: figures only, never a child (SPEC C1). */
  readMeasures: ["administrator", "send_manager", "caseworker", "improvement_lead", "board_member", "councillor"],
  /**
   * Define measures entered by hand and enter their figures (issue 16 part 2): those who keep the
   * council's figures and plans. Figures only, no child, so administrators too.
   */
  enterMeasures: ["administrator", "send_manager", "improvement_lead"],
  /** See the message log and choose each message's channel and wording (issue 15). */
  manageMessages: ["administrator", "send_manager"],
  /**
   * Grade and moderate EHC plan quality audits (issue 18). They read the plan, so only those who
   * read casework; the moderator must be someone other than the auditor (checked in the service).
   */
  auditPlans: ["send_manager", "caseworker"],
  /**
   * Grade or moderate the quality audits one is named on (issue 18 part 1: "auditors assigned,
   * including health and social care colleagues"). A quality auditor is not a caseworker: they
   * open only the audits assigned to them, with the plan's details those audits need, and no other
   * casework (checked in QualityService.audit).
   */
  gradeAudits: ["send_manager", "caseworker", "quality_auditor"],
  /** Set the council's audit framework, draw samples and assign auditors. */
  manageQuality: ["send_manager"],
  /** Read the quality figures: audit grades and families' feedback, anonymous, no child named. */
  readQuality: ["administrator", "send_manager", "caseworker", "improvement_lead"],
  /**
   * Record, answer and read enquiries and complaints (issue 18 part 3). They name families and
   * children, so the roles that read casework; each look at a named complaint is audited.
   */
  handleComplaints: ["send_manager", "caseworker"],
  /** Use the deadline calculator. */
  useCalculator: ["administrator", "send_manager", "caseworker", "improvement_lead", "board_member", "councillor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
