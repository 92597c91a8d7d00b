// What a dataset listing left out and which files could not be used, said the same way by every command that reads
// a dataset (`uad score`, `uad domain-stats`): lines or files not turned into samples, repeated lines kept once,
// files whose lines conflict, unusable files. Node side (CLI).
import type { DatasetListing } from '../../common/dataset/types.js';
import { escapeForDisplay as shown } from '../../common/display-text.js';

/** Entries printed per kind; --json lists what the listing kept (up to MAX_REPORTED_ISSUES). */
const PRINTED = 50;

/** 'file(s)' for a folder, 'line(s)' for a list or manifest. */
function unit(listing: DatasetListing): string {
  return listing.source === 'folder' ? 'file(s)' : 'line(s)';
}

function skippedCount(listing: DatasetListing): number {
  return listing.skippedCount ?? listing.skipped.length;
}

/** The listing's part of a run summary: "4 line(s) not samples, 2 repeated line(s) kept once, 1 file(s) with conflicting lines not scored". */
export function listingCountsText(listing: DatasetListing): string {
  const parts = [`${skippedCount(listing)} ${unit(listing)} not samples`];
  if (listing.duplicateLines) parts.push(`${listing.duplicateLines} repeated line(s) kept once`);
  if (listing.conflictingFiles) parts.push(`${listing.conflictingFiles} file(s) with conflicting lines not scored`);
  return parts.join(', ');
}

/**
 * Prints (to stderr by default) every line or file not turned into a sample with its reason, and the listing's
 * warnings (repeated lines kept once, labels contradicting paths): the first PRINTED of each, then how many more.
 */
export function reportListing(listing: DatasetListing, input: string, print: (line: string) => void = console.error): void {
  const count = skippedCount(listing);
  if (count > 0) {
    print(`${count} ${unit(listing)} of ${shown(input)} not turned into samples:`);
    for (const skip of listing.skipped.slice(0, PRINTED)) print(`  ${shown(skip.reason)}${skip.path ? ` (${shown(skip.path)})` : ''}`);
    if (count > PRINTED) print(`  … and ${count - PRINTED} more (--json lists the first ${listing.skipped.length})`);
  }
  const warnings = listing.warnings;
  if (warnings !== undefined && warnings.count > 0) {
    print(`${warnings.count} warning(s) about ${shown(input)}:`);
    for (const message of warnings.messages.slice(0, PRINTED)) print(`  ${shown(message)}`);
    if (warnings.count > PRINTED) print(`  … and ${warnings.count - PRINTED} more (--json lists the first ${warnings.messages.length})`);
  }
}

/** The same account for --json output. */
export function listingJson(listing: DatasetListing): Record<string, unknown> {
  return {
    listedSamples: listing.samples.length, skippedLines: listing.skipped, skippedLineCount: skippedCount(listing),
    duplicateLines: listing.duplicateLines ?? 0, conflictingFiles: listing.conflictingFiles ?? 0,
    warnings: listing.warnings ?? { count: 0, messages: [] },
  };
}

/** Samples that gave no result, with the reason: the first `limit`, then how many more. */
export function failureLines(failures: readonly { path: string; reason: string }[], limit: number, more: string): string[] {
  const lines = failures.slice(0, limit).map((failure) => `  failed: ${shown(failure.path)}: ${shown(failure.reason)}`);
  if (failures.length > limit) lines.push(`  … and ${failures.length - limit} more failures (${more})`);
  return lines;
}
