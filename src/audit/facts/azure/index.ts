/**
 * The Azure reader: derives the cloud-specific parts of the facts from `azure-native` resources. Shared analyses
 * (places and paired regions, management locks, storage accounts) are computed once and handed to the element
 * readers.
 */
import type { ResourceGraph } from "../../../domain/resources/graph";
import type { CloudFacts, CloudReader, ReaderContext } from "../reader";
import { AzurePlace } from "./common";
import { readDatabases } from "./database";
import { readPrivateAccess } from "./access";
import { readEncryption } from "./encryption";
import { readExposures } from "./exposure";
import { readFileSystems } from "./files";
import { readKeyCopies, withNetworkReach } from "./keys";
import { isKnownAzureType } from "./known";
import { readLocks } from "./locks";
import { readAzureNetworks } from "./network";
import { readProtection } from "./protection";
import { readSnapshots } from "./snapshots";
import { analyzeAccounts } from "./storage";
import { VAULT_TYPES } from "./tokens";

export const azureReader: CloudReader = {
  cloud: "azure-native",
  knows: isKnownAzureType,
  read(g: ResourceGraph, context: ReaderContext = {}): CloudFacts {
    const place = new AzurePlace(g, context);
    const locks = readLocks(g);
    const accounts = analyzeAccounts(g, place);
    const snapshots = readSnapshots(g, place);
    const protectedUrns = new Set(snapshots.protectedUrns);
    const databases = readDatabases(g, place, locks, protectedUrns);
    const publicServers = new Set(databases.filter((d) => d.publiclyAccessible).map((d) => d.urn));
    const copies = readKeyCopies(g, place, accounts);
    const networks = readAzureNetworks(g, new Set(copies.map((c) => c.id)));
    return {
      databases,
      snapshots,
      fileSystems: readFileSystems(accounts, protectedUrns),
      keyCopies: withNetworkReach(copies, networks),
      encryption: readEncryption(g, databases, accounts, snapshots.vaults, new Map(g.ofType(...VAULT_TYPES).map((v) => [v.urn, v]))),
      exposures: readExposures(g, accounts, publicServers),
      privateAccess: readPrivateAccess(g),
      protection: readProtection(g, locks),
      networks,
    };
  },
};
