/**
 * The AWS reader: derives the cloud-specific parts of the facts from AWS resources. Shared analyses (bucket
 * satellites, gateways per VPC) are computed once and handed to the element readers.
 */
import type { ResourceGraph } from "../../../domain/resources/graph";
import type { CloudFacts, CloudReader } from "../reader";
import { analyzeBuckets } from "./buckets";
import { readDatabases } from "./database";
import { readEncryption } from "./encryption";
import { readExposures } from "./exposure";
import { readFileSystems } from "./files";
import { readKeyCopies } from "./keys";
import { isKnownAwsType } from "./known";
import { gatewaysByVpc } from "./network";
import { readProtection } from "./protection";
import { readSnapshots } from "./snapshots";

export const awsReader: CloudReader = {
  cloud: "aws",
  knows: isKnownAwsType,
  read(g: ResourceGraph): CloudFacts {
    const gateways = gatewaysByVpc(g);
    const buckets = analyzeBuckets(g, gateways);
    const snapshots = readSnapshots(g);
    return {
      databases: readDatabases(g),
      snapshots,
      fileSystems: readFileSystems(g, new Set(snapshots.protectedUrns)),
      keyCopies: readKeyCopies(g, buckets, gateways),
      encryption: readEncryption(g, buckets),
      exposures: readExposures(g, buckets, gateways),
      protection: readProtection(g),
    };
  },
};
