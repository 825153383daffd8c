/** The plan text's recovery objectives: the audit's scenarios of a planned stack, as the command line adds them. */
import type { PlanDocument } from "../offline/plan";
import { deriveFacts } from "./facts";
import { fromPlanDocument } from "./inputs/plan";
import { objectiveTextLines } from "./report/objectives";
import { scenarios } from "./scenarios";

/** Per disruption, target / estimate / floor and the verdict, then what holds after a region failover. */
export function planObjectiveLines(doc: PlanDocument): string[] {
  return objectiveTextLines(scenarios(deriveFacts(fromPlanDocument(doc))));
}
