/**
 * The offline plan as audit input: each declared resource with its type, inputs, references and protection
 * options (the shared resource view the platform limits read too). A plan has no outputs; the stack outputs are
 * the program's.
 */
import type { PlanDocument } from "../../offline/plan";
import { resourceViews } from "../../offline/views";
import type { AuditInput } from "../types";

export function fromPlanDocument(doc: PlanDocument): AuditInput {
  return {
    stack: doc.stack,
    source: "plan",
    origin: `offline ${doc.preview ? "preview" : "plan"} of ${doc.stack}`,
    resources: resourceViews(doc),
    stackOutputs: doc.outputs ?? {},
  };
}
