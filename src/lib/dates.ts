// Calendar dates, checked in one place for every file the project reads.
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the day exists (Gregorian calendar): 2024-02-29 does, 2023-02-29 and 2017-30-05 do not. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS[month - 1] + (leap ? 1 : 0);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "AAAA-MM-JJ" written so: "ok"; written so but not in the calendar: "not-in-calendar"; otherwise "not-iso". */
export function checkIsoDate(text: string): "ok" | "not-in-calendar" | "not-iso" {
  const m = ISO_DATE.exec(text);
  if (m === null) return "not-iso";
  return isCalendarDate(+m[1], +m[2], +m[3]) ? "ok" : "not-in-calendar";
}
