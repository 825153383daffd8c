/**
 * The CENM side of a recovery: the services brought back in R3's order, the CRL signed again before the current one
 * lapses, and the checks that prove the network manager serves again. Host names and ports are the operator's
 * (the stack declares backup infrastructure, not the CENM hosts), so they appear as values to supply.
 */
import { CENM_START_ORDER, CRL_RULE, type CenmService } from "../domain/cenm";
import { formatDuration } from "../domain/durations";
import type { Command, ServiceStart, Step } from "./model";
import { param, shell, step } from "./steps";

/** Which parts of CENM a scenario restored. */
export interface Restored {
  database: boolean;
  files: boolean;
  keys: boolean;
}

const WITH_DATABASE: readonly CenmService[] = ["auth", "zone", "identity-manager", "network-map"];

const CHECKS: Record<CenmService, { check: string; commands: Command[] }> = {
  auth: { check: "its log shows it listening; the Gateway Service signs in against it next", commands: [] },
  zone: { check: "every Angel Service connects with its zone token and fetches its configuration (their logs say so)", commands: [] },
  gateway: {
    check: "the CENM management console and the CENM CLI answer through it",
    commands: [shell("curl -fsS -o /dev/null -w '%{http_code}\\n' https://", param("gateway host:port"), "/")],
  },
  "identity-manager": {
    check: 'its log reports "Network management web services started" with the registration and revocation web services',
    commands: [shell("grep -F 'Network management web services started' ", param("the Identity Manager's log file"))],
  },
  signer: { check: "its signing tasks run: the CRL, network parameters and network map get new signatures (the CRL step shows it)", commands: [] },
  "network-map": {
    check: "it serves the signed network map (HTTP 200)",
    commands: [shell("curl -fsS -o /dev/null -w '%{http_code}\\n' https://", param("network map host:port"), "/network-map")],
  },
};

/** The services in start order, each marked as depending on what the scenario restored. */
export function serviceStarts(restored: Restored): ServiceStart[] {
  return CENM_START_ORDER.map((s, i) => ({
    order: i + 1,
    service: s.service,
    title: s.title,
    why: s.why,
    restored: restored.files || (restored.database && WITH_DATABASE.includes(s.service)) || (restored.keys && s.service === "signer"),
    check: CHECKS[s.service].check,
    checks: CHECKS[s.service].commands,
  }));
}

const READ_CRL = shell("curl -fsS ", param("the CRL distribution URL the node certificates carry (the Identity Manager's crlDistributionUrl)"), " -o node.crl && openssl crl -inform DER -in node.crl -noout -lastupdate -nextupdate");

/** Reading the current CRL's nextUpdate: the deadline of the signing path. */
export function readCrlDeadline(): Step {
  return step("prepare", "Read the nextUpdate of the CRL the nodes hold now: the signing path must be back and a new CRL published before it.", [READ_CRL], `Why: ${CRL_RULE.rule}.`);
}

/** The CRL reissue step, with the stack's CRL validity and the scenario's RTO against it. */
export function crlReissue(validityDays: number | undefined, rtoSeconds: number | undefined): Step {
  const validity = validityDays === undefined ? "The stack records no CRL validity (signing.crlValidityDays in its outputs), so the deadline is the nextUpdate read above." : `The stack's CRLs are valid ${validityDays} days after issue.`;
  const fit =
    validityDays === undefined || rtoSeconds === undefined
      ? ""
      : rtoSeconds <= validityDays * 86400
        ? ` This scenario's RTO (${formatDuration(rtoSeconds)}) fits within it, provided the current CRL was not already near its nextUpdate.`
        : ` This scenario's RTO (${formatDuration(rtoSeconds)}) exceeds it: nodes in hard-fail mode will refuse connections before the CRL can be re-signed, unless the current CRL was issued recently.`;
  return step(
    "crl",
    "Run the Signing Service's CRL signing task for the Identity Manager (under the key custodians' control), then check that the CRL the nodes download has a new nextUpdate.",
    [READ_CRL],
    `${validity}${fit} ${CRL_RULE.benchmark}.`,
  );
}

/** Checks that prove the service is back, for what the scenario restored. */
export function serviceChecks(restored: Restored): Step[] {
  const steps: Step[] = [];
  if (restored.database) {
    steps.push(step("check", "Each CENM database answers on its restored host, under its own user, and holds recent rows (the newest certificate requests and network map entries date from within the RPO).", [
      shell("psql \"host=", param("database host"), " dbname=", param("identity_manager | network_map | zone | auth"), " user=", param("the service's database user"), " sslmode=require\" -c 'select 1'"),
    ]));
  }
  if (restored.files) {
    steps.push(step("check", "Each service directory is mounted and holds its configuration and stores.", [
      shell("ls -l ", param("identity-manager directory"), "/identitymanager.conf ", param("network-map directory"), "/networkmap.conf ", param("signer directory"), "/signer.conf ", param("auth directory"), "/auth.conf"),
    ]));
  }
  if (restored.keys) {
    steps.push(step("check", "The Signing Service signs with the restored keys: a new CRL (above) verifies against the Identity Manager CA certificate the nodes trust.", [
      shell("openssl crl -inform DER -in node.crl -noout -verify -CAfile ", param("the Identity Manager CA certificate (PEM)")),
    ]));
  }
  steps.push(
    step("check", "The Network Map serves the signed network map.", CHECKS["network-map"].commands),
    step("check", "A node registers or refreshes against the network (its log shows the network map downloaded and no certificate revocation error)."),
  );
  return steps;
}
