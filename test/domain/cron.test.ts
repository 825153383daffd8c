/** AWS cron expressions: what AWS Backup and EventBridge accept, and a reason for each one they refuse. */
import { awsCronProblem } from "../../src/domain/cron";

describe("awsCronProblem", () => {
  it.each(["cron(0 5 ? * SUN *)", "cron(0 5 ? * 1 *)", "cron(0/15 * * * ? *)", "cron(0 3 1 * ? *)", "cron(0 12 ? JAN-MAR MON-FRI 2026-2030)", "cron(30 4 L * ? *)", "cron(0 5 ? * 2#1 *)"])("accepts %s", (expr) => {
    expect(awsCronProblem(expr)).toBeUndefined();
  });

  it.each([
    ["cron(99 99 * * ? *)", /minutes "99"/],
    ["cron(0 24 ? * SUN *)", /hours "24"/],
    ["cron(0 5 * * * *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 5 ? * ? *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 5 ? * SUN)", /six fields/],
    ["cron(0 5 32 * ? *)", /day-of-month "32"/],
    ["cron(0 5 ? FOO SUN *)", /month "FOO"/],
    ["cron(0/0 5 ? * SUN *)", /increment/],
    ["rate(1 day)", /cron\(/],
  ])("refuses %s", (expr, why) => {
    expect(awsCronProblem(expr)).toMatch(why);
  });
});
