/**
 * CENM's own recovery facts, each once, with its source: the order its services come back in, and the CRL rule that
 * bounds how long the signing path may stay down. The DR runbook reads them; the audit's CRL deadline states the
 * same rule against the stack's figures.
 */

/** The CENM services a recovery brings back, in the order they start. */
export const CENM_SERVICES = ["auth", "zone", "gateway", "identity-manager", "signer", "network-map"] as const;
export type CenmService = (typeof CENM_SERVICES)[number];

export interface CenmServiceStart {
  service: CenmService;
  /** The service's name in R3's documentation. */
  title: string;
  /** Why it comes at this place in the order. */
  why: string;
}

/**
 * The start order after a recovery. R3's procedure for bringing a stopped CENM deployment back (upgrade notes:
 * stop every service, then start Auth, Zone and Gateway, submit the configurations to the Zone Service, then start
 * Identity Manager, Signing Service and Network Map) gives the two groups; within the second group the runbook keeps
 * R3's listed order, which is also the signing path's: the Identity Manager holds the CRL to sign, the Signing
 * Service signs it, the Network Map publishes what the signer signs.
 */
export const CENM_START_ORDER: readonly CenmServiceStart[] = [
  { service: "auth", title: "Auth Service", why: "every other service, the Gateway and the CENM CLI authenticate against it (users, roles, the JWT signing key)" },
  { service: "zone", title: "Zone Service", why: "it holds the other services' configurations; their Angel Services fetch them from it" },
  { service: "gateway", title: "Gateway Service", why: "the CENM CLI and the management console reach the services through it" },
  { service: "identity-manager", title: "Identity Manager Service", why: "it issues and revokes node certificates and serves the CRL the Signing Service must re-sign" },
  { service: "signer", title: "Signing Service", why: "it signs CSRs, the CRL, the network parameters and the network map with the HSM keys" },
  { service: "network-map", title: "Network Map Service", why: "it publishes the network map and parameters the Signing Service signs" },
];

/** Where the start order comes from. */
export const CENM_START_ORDER_SOURCE = {
  documented: true,
  source: "R3, Upgrading Corda Enterprise Network Manager: start the Auth, Zone and Gateway Services, submit the configurations to the Zone Service, then start the Identity Manager, Signing and Network Map Services",
  url: "https://docs.r3.com/en/platform/corda/1.4/cenm/upgrade-notes.html",
} as const;

/**
 * The CRL rule. Nodes in hard-fail mode refuse connections once the CRL they hold passes its `nextUpdate`, so the
 * signing path (Signing Service and its HSM keys, the Identity Manager CA key, the Identity Manager database) must be
 * back, and a new CRL signed, before the current CRL's `nextUpdate`.
 */
export const CRL_RULE = {
  signingPath: ["signer", "identity-manager"] as readonly CenmService[],
  rule: "nodes in hard-fail mode refuse connections once the CRL passes its nextUpdate: sign and publish a new CRL before the current one's nextUpdate",
  /** R3's Corda Network practice: node CRLs reissued at least weekly, nextUpdate at most 10 days out. */
  benchmark: "R3's Corda Network CA practice reissues node CRLs at least weekly with nextUpdate at most 10 days out",
} as const;
