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

export interface DB {
  council: CouncilTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  school_closure: SchoolClosureTable;
}
