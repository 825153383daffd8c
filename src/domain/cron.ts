/**
 * AWS cron expressions (`cron(minutes hours day-of-month month day-of-week year)`), as AWS Backup and EventBridge
 * take them (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html): six fields,
 * each a value, a list, a range or an increment within its bounds; either day-of-month or day-of-week is `?`.
 */

interface FieldRule {
  name: string;
  min: number;
  max: number;
  /** Names accepted for values (months, weekdays). */
  names?: readonly string[];
  /** Special characters the field takes beyond `* , - /`. */
  special?: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const FIELDS: readonly FieldRule[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: /^(\?|L|LW|\d{1,2}W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: WEEKDAYS, special: /^(\?|L|[1-7]L|[1-7]#[1-5]|(SUN|MON|TUE|WED|THU|FRI|SAT)#[1-5])$/i },
  { name: "year", min: 1970, max: 2199 },
];

function value(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= rule.min && n <= rule.max ? n : undefined;
  }
  const i = rule.names?.indexOf(text.toUpperCase() as never) ?? -1;
  return i >= 0 ? i + rule.min : undefined;
}

/** What is wrong with one field, or undefined. */
function fieldProblem(text: string, rule: FieldRule): string | undefined {
  if (rule.special?.test(text)) return undefined;
  for (const part of text.split(",")) {
    const [range, step] = part.split("/");
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `${rule.name} "${text}": the increment after "/" must be a whole number of at least 1`;
    if (range === "*") continue;
    const [from, to] = range.split("-");
    if (value(from, rule) === undefined || (to !== undefined && value(to, rule) === undefined)) {
      return `${rule.name} "${text}": values from ${rule.min} to ${rule.max}${rule.names ? ` (or ${rule.names[0]}-${rule.names[rule.names.length - 1]})` : ""}`;
    }
  }
  return undefined;
}

/** What is wrong with an AWS cron expression, or undefined when AWS would accept it. */
export function awsCronProblem(expression: string): string | undefined {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) return "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)";
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) return `six fields (minutes hours day-of-month month day-of-week year), not ${fields.length}`;
  for (let i = 0; i < 6; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return problem;
  }
  if ((fields[2] === "?") === (fields[4] === "?")) return "a ? in exactly one of day-of-month and day-of-week";
  return undefined;
}
