/**
 * The audit's controls, in the order reports and RULES.md list them: databases, snapshots, files, keys, the
 * general hygiene controls, then the recovery objectives. Identifiers are checked for uniqueness when this module loads, so a copy-pasted
 * control fails every test and every audit instead of shadowing another one.
 */
import type { Control } from "../types";
import { control as DB01 } from "./CENM-DB-01";
import { control as DB02 } from "./CENM-DB-02";
import { control as DB03 } from "./CENM-DB-03";
import { control as DB04 } from "./CENM-DB-04";
import { control as DB05 } from "./CENM-DB-05";
import { control as DB06 } from "./CENM-DB-06";
import { control as DB07 } from "./CENM-DB-07";
import { control as DB08 } from "./CENM-DB-08";
import { control as SN01 } from "./CENM-SN-01";
import { control as SN02 } from "./CENM-SN-02";
import { control as SN03 } from "./CENM-SN-03";
import { control as SN04 } from "./CENM-SN-04";
import { control as SN05 } from "./CENM-SN-05";
import { control as SN06 } from "./CENM-SN-06";
import { control as SN07 } from "./CENM-SN-07";
import { control as FS01 } from "./CENM-FS-01";
import { control as FS02 } from "./CENM-FS-02";
import { control as FS03 } from "./CENM-FS-03";
import { control as FS04 } from "./CENM-FS-04";
import { control as FS05 } from "./CENM-FS-05";
import { control as KY01 } from "./CENM-KY-01";
import { control as KY02 } from "./CENM-KY-02";
import { control as KY03 } from "./CENM-KY-03";
import { control as KY04 } from "./CENM-KY-04";
import { control as KY05 } from "./CENM-KY-05";
import { control as KY06 } from "./CENM-KY-06";
import { control as KY07 } from "./CENM-KY-07";
import { control as GN01 } from "./CENM-GN-01";
import { control as GN02 } from "./CENM-GN-02";
import { control as GN03 } from "./CENM-GN-03";
import { control as GN04 } from "./CENM-GN-04";
import { control as GN05 } from "./CENM-GN-05";
import { control as GN06 } from "./CENM-GN-06";
import { control as GN07 } from "./CENM-GN-07";
import { control as GN08 } from "./CENM-GN-08";
import { control as RO01 } from "./CENM-RO-01";
import { control as RO02 } from "./CENM-RO-02";
import { control as RO03 } from "./CENM-RO-03";
import { control as RO04 } from "./CENM-RO-04";
import { control as RO05 } from "./CENM-RO-05";

/** Throws when two controls share an identifier; returns the list unchanged otherwise. */
export function assertUniqueIds(controls: readonly Control[]): Control[] {
  const seen = new Set<string>();
  for (const c of controls) {
    if (seen.has(c.id)) throw new Error(`Duplicate audit control id ${c.id}: every control needs an identifier of its own.`);
    seen.add(c.id);
  }
  return [...controls];
}

export const CONTROLS: Control[] = assertUniqueIds([
  DB01, DB02, DB03, DB04, DB05, DB06, DB07, DB08,
  SN01, SN02, SN03, SN04, SN05, SN06, SN07,
  FS01, FS02, FS03, FS04, FS05,
  KY01, KY02, KY03, KY04, KY05, KY06, KY07,
  GN01, GN02, GN03, GN04, GN05, GN06, GN07, GN08,
  RO01, RO02, RO03, RO04, RO05,
]);
