// The only place that reads the wall clock for dates: rules take "today" as a parameter.

/** Today's date in England, whatever the machine's time zone. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
