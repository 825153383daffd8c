/** Encryption facts: each AWS resource holding CENM data, and whether a customer-managed key of the program encrypts it. */
import type { AuditResource, EncryptionFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { isTrue, rec, str } from "../../../domain/resources/values";
import type { BucketInfo } from "./buckets";
import { programKey } from "./kms";
import { T } from "../../../domain/resources/awsTokens";

function fact(r: AuditResource, customerManagedKey: boolean, detail: string): EncryptionFact {
  return { urn: r.urn, name: r.name, type: r.type, customerManagedKey, detail };
}

/** The key an input names, described. */
function keyed(g: ResourceGraph, r: AuditResource, property: string, value: unknown): { cmk: boolean; text: string } {
  const key = programKey(g, r, property, value);
  if (key) return { cmk: true, text: `customer-managed key ${key.name}` };
  if (value === undefined || value === null || value === "") return { cmk: false, text: "the AWS-managed key (no key named)" };
  return { cmk: false, text: `key ${str(value) ?? "of unknown value"}, not one the program declares` };
}

export function readEncryption(g: ResourceGraph, buckets: Map<string, BucketInfo>): EncryptionFact[] {
  const out: EncryptionFact[] = [];
  for (const db of g.ofType(T.rdsCluster, T.rdsInstance)) {
    const k = keyed(g, db, "kmsKeyId", db.inputs.kmsKeyId);
    const encrypted = isTrue(db.inputs.storageEncrypted);
    out.push(fact(db, encrypted && k.cmk, encrypted ? `storage encrypted with ${k.text}` : "storageEncrypted is not true: storage is not encrypted"));
  }
  for (const rep of g.ofType(T.rdsBackupsReplication)) {
    const k = keyed(g, rep, "kmsKeyId", rep.inputs.kmsKeyId);
    out.push(fact(rep, k.cmk, `replicated automated backups encrypted with ${k.text}`));
  }
  for (const fs of g.ofType(T.efsFileSystem)) {
    const k = keyed(g, fs, "kmsKeyId", fs.inputs.kmsKeyId);
    const encrypted = isTrue(fs.inputs.encrypted);
    out.push(fact(fs, encrypted && k.cmk, encrypted ? `file system encrypted with ${k.text}` : "encrypted is not true: the file system is not encrypted"));
  }
  for (const rep of g.ofType(T.efsReplication)) {
    const dest = rec(rep.inputs.destination);
    const k = keyed(g, rep, "destination", dest?.kmsKeyId);
    out.push(fact(rep, k.cmk, `replica file system in ${str(dest?.region) ?? "an undeclared region"} encrypted with ${k.text}`));
  }
  for (const vault of g.ofType(T.backupVault)) {
    const k = keyed(g, vault, "kmsKeyArn", vault.inputs.kmsKeyArn);
    out.push(fact(vault, k.cmk, `recovery points encrypted with ${k.text}`));
  }
  for (const vault of g.ofType(T.backupAirGappedVault)) {
    out.push(fact(vault, false, "logically air-gapped vault: encrypted with an AWS-owned key"));
  }
  for (const info of buckets.values()) {
    const sse = info.sse;
    out.push(
      fact(
        info.bucket,
        sse?.customerManagedKey ?? false,
        sse
          ? `default encryption ${sse.algorithm}${sse.customerManagedKey ? " with a customer-managed key of the program" : " without a customer-managed key of the program"}`
          : "no default encryption configuration: S3-managed keys (SSE-S3)",
      ),
    );
  }
  for (const topic of g.ofType(T.snsTopic)) {
    const k = keyed(g, topic, "kmsMasterKeyId", topic.inputs.kmsMasterKeyId);
    const named = topic.inputs.kmsMasterKeyId !== undefined && topic.inputs.kmsMasterKeyId !== null && topic.inputs.kmsMasterKeyId !== "";
    out.push(fact(topic, k.cmk, named ? `messages encrypted with ${k.text}` : "no kmsMasterKeyId: messages are not encrypted with a KMS key"));
  }
  return out;
}
