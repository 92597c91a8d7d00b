// Contract namespace `dataset`: list a folder, protocol list or manifest from disk. Pure shared code (common/).
import type { DatasetListing } from '../dataset/types.js';
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { event, method } from './define.js';

export interface ScanProgress {
  root: string;
  scanned: number;
  phase: 'walking' | 'checking' | 'done';
}

export const datasetContract = {
  /** List a dataset: a folder (live/, attack/<species>/, UniAttackData shapes), a protocol list or a CSV manifest. */
  openFolder: method<Result<DatasetListing>>()(objectOf({ path: { kind: 'string' }, imageRoot: { kind: 'string', optional: true } })),
  /** Native folder picker; browser mode answers `unsupported`. Resolves to null when cancelled. */
  pickFolder: method<Result<string | null>>()(noPayload),
  onScanProgress: event<ScanProgress>(),
} as const;
