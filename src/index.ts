/**
 * Entry point for `pulumi up` / `pulumi preview`: the stack outputs are what the program returns.
 */
import { cenmBackup } from "./program";

export = cenmBackup();
