// Attack classes: presentation attacks (ISO/IEC 30107-3), adversarial perturbations and digital
// edits/injections (outside 30107-3; CEN/TS 18099 covers injection). Pure shared code (common/).

import { attributesFromPath, type AttackCategory } from '../dataset/species.js';

/** 'unclassified' when nothing (column, label, path) says which class an attack belongs to. */
export type AttackClass = 'presentation' | 'adversarial' | 'digital' | 'unclassified';

export const ATTACK_CLASSES: readonly AttackClass[] = ['presentation', 'adversarial', 'digital', 'unclassified'];

export const ATTACK_CLASS_TITLES: Readonly<Record<AttackClass, string>> = {
  presentation: 'Presentation attacks (ISO/IEC 30107-3)',
  adversarial: 'Adversarial attacks',
  digital: 'Digital edits / injection (CEN/TS 18099)',
  unclassified: 'Attacks of unknown class',
};

/** A dataset category (UniAttackData label 1 physical, 2 adversarial, 3 digital) as a class. */
export function classOfCategory(category: AttackCategory | 'attack' | string): AttackClass {
  if (category === 'physical') return 'presentation';
  if (category === 'adversarial') return 'adversarial';
  if (category === 'digital') return 'digital';
  return 'unclassified';
}

const CLASS_WORDS: Readonly<Record<string, AttackClass>> = {
  presentation: 'presentation',
  physical: 'presentation',
  pa: 'presentation',
  '1': 'presentation',
  adversarial: 'adversarial',
  '2': 'adversarial',
  digital: 'digital',
  'digital-injection': 'digital',
  injection: 'digital',
  '3': 'digital',
  attack: 'unclassified',
  unclassified: 'unclassified',
  '': 'unclassified',
};

/**
 * The class named by a scores file's `class` (or `category`) cell: a class name, a dataset
 * category ('physical', 'adversarial', 'digital'), or a UniAttackData label 1/2/3. Null for
 * anything else, so the caller can report the line.
 */
export function parseAttackClass(text: string): AttackClass | null {
  return CLASS_WORDS[text.trim().toLowerCase()] ?? null;
}

/** The class a sample's path implies under the UniAttackData folder rules, or 'unclassified'. */
export function classOfPath(path: string): AttackClass {
  const attributes = attributesFromPath(path);
  return attributes === null || !attributes.isAttack ? 'unclassified' : classOfCategory(attributes.category);
}
