// The schedules' times and the messages' reclaim window come from the environment (the crash tests
// set them to seconds); nonsense is refused with the variable's name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MESSAGES_DAILY, schedulesFromEnv, WORKLIST_REFRESH } from "./jobs.ts";
import { channelConfigFromEnv } from "./modules/notifications/notifications.channels.ts";
import { ConfigError } from "./platform/config.ts";

test("schedules: the defaults unless set; a slot stays as it is when the time changes", () => {
  assert.deepEqual(schedulesFromEnv({}), { refresh: WORKLIST_REFRESH, daily: MESSAGES_DAILY, sweepCron: "*/10 * * * *" });
  const set = schedulesFromEnv({ WORKLIST_REFRESH_CRON: "* * * * *", MESSAGES_DAILY_CRON: " 30 8 * * 1-5 ", MESSAGES_SWEEP_CRON: "*/5 * * * *" });
  assert.deepEqual(set.refresh, { ...WORKLIST_REFRESH, cron: "* * * * *" });
  assert.deepEqual(set.daily, { cron: "30 8 * * 1-5", tz: "Europe/London", slotSeconds: 3600 });
  assert.equal(set.sweepCron, "*/5 * * * *");
});

test("schedules: a value that is not five fields is refused, naming the variable", () => {
  for (const value of ["every day", "0 7 * *", "0 7 * * * *"])
    assert.throws(
      () => schedulesFromEnv({ MESSAGES_DAILY_CRON: value }),
      (e: Error) => e instanceof ConfigError && e.message.startsWith("MESSAGES_DAILY_CRON must be a cron expression of five fields"),
    );
});

test("MESSAGES_RECLAIM_SECONDS: 10 minutes unless set; whole seconds from 1 to a day", () => {
  assert.equal(channelConfigFromEnv({}).reclaimSeconds, undefined);
  assert.equal(channelConfigFromEnv({ MESSAGES_RECLAIM_SECONDS: "5" }).reclaimSeconds, 5);
  for (const value of ["0", "-1", "1.5", "ten", "86401"])
    assert.throws(
      () => channelConfigFromEnv({ MESSAGES_RECLAIM_SECONDS: value }),
      /MESSAGES_RECLAIM_SECONDS must be a whole number of seconds from 1 to 86400/,
    );
});
