/**
 * Bounds on what the package reads from stack files and stack configuration: far above anything real, low enough
 * that a malformed or hostile input is refused with a clear error instead of exhausting memory.
 */

/** Longest string a stack configuration value (or a stack file) may hold: names, reasons and ids are far shorter. */
export const MAX_CONFIG_STRING = 4096;
