// Annual review invitations (issue 15; SEND Regulations 2014 reg 20(4)): how many days before the
// meeting the daily job writes them. The regulation asks for at least two weeks' notice, so a
// council may choose earlier but never later than 14 days. The invitees themselves are part of
// the case record (the "Annual review meeting" event), as advice requests' addresses are.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE notification_settings
  ADD COLUMN review_invitation_days integer NOT NULL DEFAULT 14 CHECK (review_invitation_days BETWEEN 14 AND 60);
`)
    .execute(db);
}
