// ISO-8601 durations of the day-time form (P7D, PT24H, PT3M, PT30S, P1DT12H). Years, months and
// weeks are rejected because their length in milliseconds depends on the calendar.
const durationPattern = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Returns the duration in milliseconds, or null when the text is not a day-time duration. */
export function parseIsoDuration(text: string): number | null {
  const match = durationPattern.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) {
    return null;
  }

  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
}
