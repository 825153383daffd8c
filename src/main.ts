/**
 * Entry point of the stack program for `pulumi up` / `pulumi preview` (Pulumi.yaml's `main`): the stack outputs are
 * what the program returns. The package's library entry points are src/index.ts, src/aws.ts and src/azure.ts, which
 * declare nothing when imported.
 */
import { cenmBackup } from "./program";

export = cenmBackup();
