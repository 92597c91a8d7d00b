// Reading what `uad metrics` and `uad report` evaluate: scores CSVs and readiness profiles (shipped
// ids or a user's JSON file). Node side (CLI): file access here, all maths in common/metrics.
import { readFile } from 'node:fs/promises';
import { escapeForDisplay } from '../../common/display-text.js';
import { BUILTIN_PROFILES, builtinProfile, parseScoresCsv, parseProfile, type ParsedScoresCsv, type ReadinessProfile } from '../../common/metrics/index.js';
import type { ScoresCsvOptions } from '../../common/metrics/scores-csv.js';

/** A file problem worth one line on stderr and exit status 1. */
export class InputFileError extends Error {}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputFileError(`cannot read '${path}': ${why}`);
  }
}

/** Parses a scores CSV; warnings that do not stop the evaluation (a repeated path) go to stderr. */
export async function readScores(path: string, options: ScoresCsvOptions = {}): Promise<ParsedScoresCsv> {
  const parsed = parseScoresCsv(await readText(path), path, options);
  for (const warning of parsed.warnings) console.error(`uad: warning: ${escapeForDisplay(warning)}`);
  return parsed;
}

export const PROFILE_HELP = `${BUILTIN_PROFILES.map((p) => p.id).join(' | ')} | FILE.json`;

/** A shipped profile by id, or a user's profile file (a path ending in .json). */
export async function loadProfile(nameOrPath: string): Promise<ReadinessProfile> {
  const shipped = builtinProfile(nameOrPath);
  if (shipped !== undefined) return shipped;
  if (!nameOrPath.toLowerCase().endsWith('.json')) {
    throw new InputFileError(`no profile '${nameOrPath}'; shipped profiles: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}, or give a profile file ending in .json`);
  }
  return parseProfile(await readText(nameOrPath), nameOrPath);
}
