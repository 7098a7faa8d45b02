// Table types for Kysely. One interface per table; keep in step with migrations/.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CouncilTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  council_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  disabled: Generated<boolean>;
  created_at: Timestamp;
  sso_subject: string | null;
}

export interface PasswordLinkTable {
  id: Generated<string>;
  council_id: string;
  user_id: string;
  purpose: "invite" | "reset";
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface CouncilSsoTable {
  council_id: string;
  issuer: string;
  client_id: string;
  tenant_id: string;
  admit_uninvited: Generated<boolean>;
  group_roles: ColumnType<Record<string, string>, string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface SsoAttemptTable {
  state_hash: string;
  council_id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: Timestamp;
}

export interface UserSecondFactorTable {
  user_id: string;
  council_id: string;
  secret: string;
  created_at: Timestamp;
  confirmed_at: Date | null;
  last_used_step: ColumnType<string, string | number | undefined, string | number>;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  council_id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SignInSecondStepTable {
  token_hash: string;
  council_id: string;
  user_id: string;
  return_to: string;
  address: string;
  expires_at: Timestamp;
}

export interface UserSessionTable {
  id: Generated<string>;
  council_id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  csrf_token: string | null;
}

/** The sign-in form's CSRF token before there is a session (migration 0014). */
export interface PreSessionTable {
  cookie_hash: string;
  csrf_token: string;
  expires_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  council_id: string;
  actor_user_id: string | null;
  at: Timestamp;
  action: string;
  subject_type: string;
  subject_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface SchoolClosureTable {
  id: Generated<string>;
  council_id: string;
  description: string;
  first_day_closed: string;
  reopens: string;
  created_at: Timestamp;
}

export interface ForumTable {
  id: Generated<string>;
  council_id: string;
  code: string;
  name: string;
  kind: Generated<string>;
  members: string | null;
  cycle: string | null;
  version: Generated<number>;
}

/** One-time tokens of forms that append: a second post of the same form saves nothing (issue 13). */
export interface FormSubmissionTable {
  id: string;
  council_id: string;
  used_at: Timestamp;
}

/** Append-only: what a meeting decided about an action (issue 13). */
export interface MeetingDecisionTable {
  id: Generated<string>;
  council_id: string;
  forum_id: string;
  meeting_date: string;
  action_id: string;
  decision: string;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface ForumMeetingTable {
  id: Generated<string>;
  council_id: string;
  forum_id: string;
  meeting_date: string;
}

export interface PlanTable {
  id: Generated<string>;
  council_id: string;
  external_id: string;
  title: string;
  type: string;
  source_title: string | null;
  source_date: string | null;
  source_url: string | null;
  owner: string;
  status_scheme: ColumnType<unknown, string, string>;
  cadence: string | null;
  approved_on: string;
  state: Generated<string>;
  continues_plan_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  published: Generated<boolean>;
  publish_names: Generated<boolean>;
  updated_at: Timestamp;
}

/** Updates whose commentary the plan's owner made public (SPEC A13). */
export interface PublicCommentaryTable {
  council_id: string;
  update_id: string;
}

export interface PlanSectionTable {
  id: Generated<string>;
  council_id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  number: string;
  title: string;
  kind: string;
  aim: string | null;
  kpis: string | null;
  version: Generated<number>;
}

export interface PlanActionTable {
  id: Generated<string>;
  council_id: string;
  plan_id: string;
  section_id: string;
  position: number;
  number: string;
  external_id: string;
  text: string;
  success_measures: string | null;
  lead_name: string | null;
  lead_role: string | null;
  start_date: string | null;
  due_text: string;
  due_precision: string;
  due_date: string | null;
  external_dependency: string | null;
  weight: string | null;
  progress: number | null;
  evidence_links: Generated<string[]>;
  added_on: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_on: string | null;
  retired_reason: string | null;
  impact: Generated<string>;
}

/** Append-only: an evidence file of an action or one of its updates (issue 13, migration 0019). */
export interface PlanEvidenceTable {
  id: Generated<string>;
  council_id: string;
  action_id: string;
  update_id: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  created_at: Timestamp;
}

/** Append-only: each move of an action from one section to another (issue 13). */
export interface PlanActionMoveTable {
  id: Generated<string>;
  council_id: string;
  action_id: string;
  from_section_id: string;
  to_section_id: string;
  moved_on: string;
  moved_by: string | null;
  created_at: Timestamp;
}

export interface PlanActionForumTable {
  council_id: string;
  action_id: string;
  forum_id: string;
}

export interface ActionUpdateTable {
  id: Generated<string>;
  council_id: string;
  action_id: string;
  update_date: string;
  sequence: Generated<number>;
  status: string;
  commentary: string;
  progress: number | null;
  author_user_id: string | null;
  author_name: string | null;
  corrects_update_id: string | null;
  created_at: Timestamp;
}

export interface ChildCaseTable {
  id: Generated<string>;
  council_id: string;
  record: ColumnType<unknown, string, string>;
  child_name: string;
  date_of_birth: string;
  upn: string | null;
  caseworker_user_id: string | null;
  has_plan: boolean;
  register: ColumnType<unknown, string | null, string | null>;
  derived_on: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<number>;
  council_id: string;
  case_id: string;
  kind: string;
  data: ColumnType<unknown, string, never>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CaseWorklistEntryTable {
  council_id: string;
  case_id: string;
  list: string;
  reason: string;
  due: string | null;
  subject: string | null;
}

export interface CaseAccessReasonTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  user_id: string;
  reason: string;
  detail: Generated<string>;
  given_at: Timestamp;
}

export interface ImportUploadTable {
  id: Generated<string>;
  council_id: string;
  file_name: string;
  bytes: Buffer;
  mapping: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  state: ColumnType<"held" | "queued" | "running" | "done" | "failed", "held" | "queued" | "running" | "done" | "failed" | undefined>;
  request: ColumnType<unknown, string | null | undefined, string | null>;
  requested_by: string | null;
  phase: "reading" | "checking" | "saving" | null;
  done: Generated<number>;
  total: Generated<number>;
  outcome: ColumnType<unknown, string | null | undefined, string | null>;
  updated_at: Timestamp;
  /** The pg-boss job last asked to work on it (migration 0010_upload_job). */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PlanImportMappingTable {
  council_id: string;
  plan_id: string;
  mapping: ColumnType<unknown, string, string>;
}

export interface PlanClosureDispositionTable {
  council_id: string;
  action_id: string;
  disposition: string;
  carried_to_plan_id: string | null;
  carried_action_id: string | null;
  owner: string | null;
  note: Generated<string>;
  decided_on: string;
}

/** An action's success measure bound to a registry measure (migration 0016). */
export interface ActionMeasureLinkTable {
  id: Generated<string>;
  council_id: string;
  action_id: string;
  measure_id: string;
  baseline_value: string | null;
  baseline_date: string | null;
  target_value: string;
  target_date: string;
  created_by: string | null;
  created_at: Timestamp;
  /** A binding to a measure entered by hand (migration 0029); measure_id is then 'entered:' and this. */
  entered_measure_id: ColumnType<string | null, string | null | undefined, never>;
}

/** A measure entered by hand (migration 0029). */
export interface EnteredMeasureTable {
  id: Generated<string>;
  council_id: string;
  title: string;
  unit: "count" | "percent";
  higher_is_better: boolean;
  description: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** An actual of an entered measure; a correction supersedes an entry (migration 0029). */
export interface EnteredMeasureEntryTable {
  id: Generated<string>;
  council_id: string;
  measure_id: string;
  value: ColumnType<string, string, never>;
  date: string;
  source: string;
  note: string | null;
  supersedes: string | null;
  entered_by: string | null;
  entered_at: Timestamp;
}

export interface Sen2SettingsTable {
  council_id: string;
  la_number: string;
  dmo: string | null;
  dco: string | null;
  dsco: string | null;
  last_serial_no: Generated<number>;
  updated_at: Timestamp;
}

export interface Sen2ImportTable {
  id: Generated<string>;
  council_id: string;
  file_sha256: string;
  census_year: number;
  persons: number;
  created: number;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface DB {
  action_measure_link: ActionMeasureLinkTable;
  entered_measure: EnteredMeasureTable;
  entered_measure_entry: EnteredMeasureEntryTable;
  council: CouncilTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  pre_session: PreSessionTable;
  password_link: PasswordLinkTable;
  council_sso: CouncilSsoTable;
  sso_attempt: SsoAttemptTable;
  user_second_factor: UserSecondFactorTable;
  recovery_code: RecoveryCodeTable;
  sign_in_second_step: SignInSecondStepTable;
  audit_event: AuditEventTable;
  school_closure: SchoolClosureTable;
  forum: ForumTable;
  forum_meeting: ForumMeetingTable;
  plan: PlanTable;
  plan_section: PlanSectionTable;
  plan_action: PlanActionTable;
  plan_action_forum: PlanActionForumTable;
  plan_action_move: PlanActionMoveTable;
  plan_evidence: PlanEvidenceTable;
  meeting_decision: MeetingDecisionTable;
  form_submission: FormSubmissionTable;
  action_update: ActionUpdateTable;
  public_commentary: PublicCommentaryTable;
  child_case: ChildCaseTable;
  case_event: CaseEventTable;
  case_worklist_entry: CaseWorklistEntryTable;
  import_upload: ImportUploadTable;
  case_access_reason: CaseAccessReasonTable;
  plan_import_mapping: PlanImportMappingTable;
  plan_closure_disposition: PlanClosureDispositionTable;
  outbox_message: OutboxMessageTable;
  notification_channel: NotificationChannelTable;
  notification_template: NotificationTemplateTable;
  notification_settings: NotificationSettingsTable;
  advice_link: AdviceLinkTable;
  advice_link_lookup: AdviceLinkLookupTable;
  advice_file: AdviceFileTable;
  notify_receipt_lookup: NotifyReceiptLookupTable;
  digest_opt_out: DigestOptOutTable;
  sen2_settings: Sen2SettingsTable;
  sen2_import: Sen2ImportTable;
  measure_fact: MeasureFactTable;
  measure_span: MeasureSpanTable;
  measure_rating_kept: MeasureRatingKeptTable;
  partner_comment: PartnerCommentTable;
  plan_publication: PlanPublicationTable;
  plan_closure_narrative: PlanClosureNarrativeTable;
  quality_framework: QualityFrameworkTable;
  quality_sample: QualitySampleTable;
  quality_audit: QualityAuditTable;
  survey_questions: SurveyQuestionsTable;
  survey_invite: SurveyInviteTable;
  survey_link_lookup: SurveyLinkLookupTable;
  survey_response: SurveyResponseTable;
  complaint: ComplaintTable;
  complaint_stage: ComplaintStageTable;
}

/** Enquiries and complaints (migration 0024). */
export interface ComplaintTable {
  id: Generated<string>;
  council_id: string;
  number: number;
  kind: string;
  from_type: string;
  from_name: string;
  channel: string;
  case_id: string | null;
  summary: string;
  themes: ColumnType<string[], string | undefined, string>;
  owner_user_id: string | null;
  received_on: string;
  learning: string | null;
  learning_action_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Each stage of an enquiry or complaint with its response target (migration 0024). */
export interface ComplaintStageTable {
  id: Generated<string>;
  council_id: string;
  complaint_id: string;
  stage: string;
  opened_on: string;
  target_working_days: number;
  due_on: string;
  responded_on: string | null;
  outcome: string | null;
  response: string | null;
  created_at: Generated<Date>;
}

/** A lead's reason for keeping a rating the measure does not support (migration 0023). */
export interface MeasureRatingKeptTable {
  id: Generated<string>;
  council_id: string;
  link_id: string;
  rating: string;
  reason: string;
  kept_by: string | null;
  kept_at: Timestamp;
}

/** Each case's flow facts for the measures (migration 0023). */
export interface MeasureFactTable {
  council_id: string;
  case_id: string;
  measure: string;
  date: string;
  counted: boolean;
  service: string | null;
  primary_need: string;
  caseworker_id: string;
  setting_type: string;
  year_group: number;
  /** Placed outside the council's area on the fact's day (migration 0029). */
  out_of_authority: boolean;
}

/** Each case's in-force spans for the snapshot measures (migration 0023). */
export interface MeasureSpanTable {
  council_id: string;
  case_id: string;
  from_date: string;
  to_date: string | null;
  out_of_authority: boolean;
  visit_due: boolean;
  visited: boolean;
  awaiting_provision: boolean;
  missing_education: boolean;
  primary_need: string;
  caseworker_id: string;
  setting_type: string;
  year_group: number;
  date_of_birth: string;
}

/** A partner's comment on an action, shown once the improvement lead approves it (migration 0020). */
export interface PartnerCommentTable {
  id: Generated<string>;
  council_id: string;
  action_id: string;
  author_user_id: string;
  author_name: string;
  organisation: string;
  body: string;
  created_at: Timestamp;
  moderation: Generated<string>;
  moderated_by: string | null;
  moderated_at: Timestamp | null;
  hidden_reason: string | null;
}

/** A publication of a plan on a date, and what it shows (migration 0020). */
export interface PlanPublicationTable {
  id: Generated<string>;
  council_id: string;
  plan_id: string;
  publish_on: string;
  show_statuses: Generated<boolean>;
  show_commentary: Generated<boolean>;
  publish_names: Generated<boolean>;
  scheduled_by: string | null;
  scheduled_at: Timestamp;
}

/** The narrative under each group of a closed plan's closure table (migration 0020). */
export interface PlanClosureNarrativeTable {
  council_id: string;
  plan_id: string;
  disposition: string;
  narrative: string;
}

/** Feedback from families (migration 0021). */
export interface SurveyQuestionsTable {
  council_id: string;
  /** Whom the questions are for (migration 0030): parentCarer, youngPerson or setting. */
  respondent: Generated<string>;
  questions: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface SurveyInviteTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  stage: string;
  stage_date: string;
  respondent: Generated<string>;
  questions: ColumnType<unknown, string, never>;
  recipient: string;
  token_hash: string;
  expires_at: Date | string;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface SurveyLinkLookupTable {
  token_hash: string;
  council_id: string;
  invite_id: string;
}

export interface SurveyResponseTable {
  id: Generated<string>;
  council_id: string;
  stage: string;
  respondent: Generated<string>;
  answered_month: string;
  questions: ColumnType<unknown, string, never>;
  answers: ColumnType<unknown, string, never>;
  comment: string | null;
}

/** Quality audits (migration 0021). */
export interface QualityFrameworkTable {
  id: Generated<string>;
  council_id: string;
  version: number;
  name: string;
  grades: ColumnType<unknown, string, never>;
  sections: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface QualitySampleTable {
  id: Generated<string>;
  council_id: string;
  framework_id: string;
  method: string;
  seed: ColumnType<string, string | number, never>;
  size: number;
  period_from: string;
  period_to: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface QualityAuditTable {
  id: Generated<string>;
  council_id: string;
  sample_id: string;
  framework_id: string;
  case_id: string;
  caseworker_user_id: string | null;
  caseworker_name: string | null;
  auditor_user_id: string | null;
  moderator_user_id: string | null;
  state: Generated<string>;
  grades: ColumnType<unknown, string | undefined, string>;
  proposed_grade: string | null;
  summary: string | null;
  moderation_comment: string | null;
  agreed_grade: string | null;
  submitted_at: Date | null;
  agreed_on: string | null;
  created_at: Generated<Date>;
}

/** Messages waiting, sent, failed or bounced (migration 0015). */
export interface OutboxMessageTable {
  id: Generated<string>;
  council_id: string;
  idempotency_key: string;
  kind: string;
  channel: string;
  recipient: string;
  outside: boolean;
  subject: string;
  body: string;
  personalisation: ColumnType<Record<string, string>, string | undefined, string>;
  case_id: string | null;
  state: Generated<string>;
  attempts: Generated<number>;
  answer: string | null;
  provider_id: string | null;
  delivery_status: string | null;
  created_at: Generated<Date>;
  claimed_at: Date | null;
  sent_at: Date | null;
  /** When Notify's delivery receipt (or status) was recorded (migration 0027). */
  delivery_at: Date | null;
}

/** A professional's advice returned as a file through the link (migration 0027). */
export interface AdviceFileTable {
  id: Generated<string>;
  council_id: string;
  link_id: string;
  case_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  scan: string;
  scanned_with: string | null;
  created_at: Generated<Date>;
}

/** Notify's id to the council and message, for delivery receipts (migration 0027). */
export interface NotifyReceiptLookupTable {
  provider_id: string;
  council_id: string;
  message_id: string;
}

/** A weekly digest a person switched off (migration 0027). */
export interface DigestOptOutTable {
  council_id: string;
  user_id: string;
  kind: string;
  created_at: Generated<Date>;
}

export interface NotificationChannelTable {
  council_id: string;
  kind: string;
  channel: string;
}

export interface NotificationTemplateTable {
  council_id: string;
  kind: string;
  subject: string;
  body: string;
  updated_at: Generated<Date>;
}

export interface NotificationSettingsTable {
  council_id: string;
  link_grace_days: Generated<number>;
  reminder_working_days: Generated<number>;
  escalate_after_days: Generated<number>;
  /** Days before an annual review meeting its invitations go (migration 0031; at least 14, reg 20(4)). */
  review_invitation_days: Generated<number>;
}

export interface AdviceLinkTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  request_id: string;
  advice_index: number;
  reference: string;
  recipient: string;
  service: string;
  due: string;
  token_hash: string;
  expires_at: Date | string;
  revoked_at: Date | null;
  used_at: Date | null;
  outcome: string | null;
  advice_text: string | null;
  created_at: Generated<Date>;
}

export interface AdviceLinkLookupTable {
  token_hash: string;
  council_id: string;
  link_id: string;
}
