/**
 * The AWS reader: derives the cloud-specific parts of the facts from AWS resources. Shared analyses (bucket
 * satellites, the networks and their routes) are computed once and handed to the element readers.
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
import { readAwsNetworks } from "./network";
import { readProtection } from "./protection";
import { readSnapshots } from "./snapshots";

export const awsReader: CloudReader = {
  cloud: "aws",
  knows: isKnownAwsType,
  read(g: ResourceGraph): CloudFacts {
    const buckets = analyzeBuckets(g);
    const networks = readAwsNetworks(g, buckets);
    const snapshots = readSnapshots(g);
    return {
      databases: readDatabases(g),
      snapshots,
      fileSystems: readFileSystems(g, new Set(snapshots.protectedUrns)),
      keyCopies: readKeyCopies(g, buckets, networks),
      encryption: readEncryption(g, buckets),
      exposures: readExposures(g, buckets),
      protection: readProtection(g),
      networks,
    };
  },
};
