// Types of cli-bundle.js (plain JavaScript, run before any TypeScript can be).
/**
 * The URL of a bundle of `root`'s command sources (this checkout by default), built first if
 * need be; null when it cannot be built or RECLAIM_CLI_BUNDLE=off.
 */
export function cliBundle(root?: string): Promise<string | null>;
