// Path → label/species rules, checked on lines of the real UniAttackData lists and generic folders.
import { describe, expect, it } from 'vitest';
import { attributesFromPath, categoryFromLabel } from './species.js';

describe('attributesFromPath', () => {
  it.each([
    ['UniAttackData/Data/live/east-asia/EA-456/real.rssdk/color/0129.jpg', false, 'bona-fide', 'bona-fide', 'EA-456'],
    ['UniAttackData/Data/spoof/east-asia/EA-456/cloth-outdoor/color/0145.jpg', true, 'physical', 'cloth-outdoor', 'EA-456'],
    ['UniAttackData/Data/spoof/east-asia/EA-579/screen-rs/color/0012.jpg', true, 'physical', 'screen-rs', 'EA-579'],
    ['UniAttackData/Data/adv-attacks/alma/alma_east-asia-112x112/EA-321/0081.jpg', true, 'adversarial', 'alma', 'EA-321'],
    ['UniAttackData/Data/simswap/east-asia/EA-131-To-CA-021/14.jpg', true, 'digital', 'simswap', 'EA-131'],
    ['UniAttackData/Data/OneShotTH/east-asia/EA-335-To-ref2/27.jpg', true, 'digital', 'OneShotTH', 'EA-335'],
    ['SynthUAD-demo/Data/spoof/africa/AF-1009/screen-rs/color/0001.jpg', true, 'physical', 'screen-rs', 'AF-1009'],
    ['live/subject-01.png', false, 'bona-fide', 'bona-fide', ''],
    ['attack/print/subject-01.jpg', true, 'attack', 'print', ''],
    ['attack\\replay\\a.png', true, 'attack', 'replay', ''],
  ])('%s', (path, isAttack, category, species, identity) => {
    expect(attributesFromPath(path)).toEqual({ isAttack, category, species, identity });
  });

  it('returns null for paths that name no class', () => {
    expect(attributesFromPath('misc/a.jpg')).toBeNull();
    expect(attributesFromPath('a.jpg')).toBeNull();
  });

  it('maps UniAttackData labels to categories', () => {
    expect(categoryFromLabel(0)).toBe('bona-fide');
    expect(categoryFromLabel(3)).toBe('digital');
    expect(categoryFromLabel(4)).toBeNull();
    expect(categoryFromLabel(1.5)).toBeNull();
  });
});
