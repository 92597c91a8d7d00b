// Label, attack category, species and identity derived from a sample's relative path.
// Pure shared code (common/): the same rules serve folder datasets and UniAttackData-format lists.

/** UniAttackData label: 0 live, 1 physical, 2 adversarial, 3 digital editing. */
export type AttackCategory = 'bona-fide' | 'physical' | 'adversarial' | 'digital';

export const CATEGORY_BY_LABEL: readonly AttackCategory[] = ['bona-fide', 'physical', 'adversarial', 'digital'];

export const BONA_FIDE_SPECIES = 'bona-fide';

export interface PathAttributes {
  /** 0 bona fide, 1 attack: the binary decision the metrics use. */
  isAttack: boolean;
  category: AttackCategory | 'attack';
  /** e.g. 'cloth-indoor', 'screen-rs', 'alma', 'simswap'; 'bona-fide' for live samples. */
  species: string;
  /** Subject identity when the path carries one (e.g. 'EA-456'), else ''. */
  identity: string;
}

const LIVE_DIRS = new Set(['live', 'real', 'bona-fide', 'bonafide', 'bona_fide', 'genuine']);
const ATTACK_DIRS = new Set(['attack', 'attacks', 'spoof', 'fake']);
const FACE_EDIT_ALGOS = new Set(['dagan', 'facedancer', 'insightface', 'oneshotth', 'safa', 'simswap']);
const IDENTITY = /^[A-Za-z]{1,4}-\d{2,}$/;

/** Split on either separator and drop empty and '.' components. */
export function pathComponents(relativePath: string): string[] {
  return relativePath.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
}

/**
 * Strips a dataset's leading `<DatasetName>/Data/` (UniAttackData's own `UniAttackData/Data/`, or a
 * copy under another name) or a bare `Data/`, so the rules see the category directory first.
 */
function stripDatasetRoot(parts: string[]): string[] {
  if (parts[1]?.toLowerCase() === 'data' && parts.length > 3) return parts.slice(2);
  if (parts[0]?.toLowerCase() === 'data' || parts[0]?.toLowerCase() === 'uniattackdata') return parts.slice(1);
  return parts;
}

function firstIdentity(parts: string[]): string {
  for (const part of parts) {
    const head = part.split('-To-')[0] ?? part;
    if (IDENTITY.test(head)) return head;
  }
  return '';
}

/**
 * Attributes from the UniAttackData path shapes:
 *   live/<eth>/<id>/real.rssdk/...                       → bona fide
 *   spoof/<eth>/<id>/<cloth-indoor|cloth-outdoor|screen-rs>/...  → physical, species = that dir
 *   adv-attacks/<algo>/<algo>_<eth>-112x112/<id>/...      → adversarial, species = algo
 *   <DaGAN|FaceDancer|...|simswap>/<eth>/<id>-To-<ref>/... → digital, species = algo
 * and from generic folders: live/… (bona fide), attack|spoof|fake/<species>/… (attack).
 * Returns null when the path names no known class.
 */
export function attributesFromPath(relativePath: string): PathAttributes | null {
  const parts = stripDatasetRoot(pathComponents(relativePath));
  if (parts.length < 2) return null;
  const top = parts[0]!.toLowerCase();
  const identity = firstIdentity(parts.slice(1));
  if (LIVE_DIRS.has(top)) {
    return { isAttack: false, category: 'bona-fide', species: BONA_FIDE_SPECIES, identity };
  }
  if (top === 'spoof' && parts.length >= 5 && IDENTITY.test(parts[2]!)) {
    return { isAttack: true, category: 'physical', species: parts[3]!, identity };
  }
  if (top === 'adv-attacks' && parts.length >= 3) {
    return { isAttack: true, category: 'adversarial', species: parts[1]!, identity };
  }
  if (FACE_EDIT_ALGOS.has(top)) {
    return { isAttack: true, category: 'digital', species: parts[0]!, identity };
  }
  if (ATTACK_DIRS.has(top)) {
    const species = parts.length >= 3 ? parts[1]! : 'unspecified';
    return { isAttack: true, category: 'attack', species, identity };
  }
  return null;
}

/** Category implied by a UniAttackData label, or null when the label is outside 0..3. */
export function categoryFromLabel(label: number): AttackCategory | null {
  return Number.isInteger(label) && label >= 0 && label <= 3 ? CATEGORY_BY_LABEL[label]! : null;
}
