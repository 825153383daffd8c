/**
 * The contract between the engine (deriveFacts) and the readers of each cloud. A reader interprets its cloud's
 * resource types and says which types it accounts for; everything cloud-independent (stack outputs, plain-text
 * secrets, unknown types, regions) is the engine's.
 */
import type { Facts } from "../types";
import type { ResourceGraph } from "../../domain/resources/graph";

/** The parts of the facts a cloud reader derives. */
export type CloudFacts = Pick<Facts, "databases" | "snapshots" | "fileSystems" | "keyCopies" | "encryption" | "exposures" | "protection" | "privateAccess" | "networks">;

/** The designated records of the stack outputs a reader may use (regions the stack names). */
export interface ReaderContext {
  primaryRegion?: string;
  drRegion?: string;
}

export interface CloudReader {
  /** Provider package of the types it reads, e.g. "aws". */
  cloud: string;
  /** The reader interprets the type, or knows it holds nothing to judge. */
  knows(type: string): boolean;
  read(g: ResourceGraph, context?: ReaderContext): CloudFacts;
}
