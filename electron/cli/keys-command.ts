// `uad keys show|list|trust|untrust`: this profile's case-signing key and the keys it trusts, by
// fingerprint. Node side (CLI); the key files live in the user's data folder (electron/cases/keystore.ts).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import { MANIFEST_JSON, MANIFEST_SIG } from '../../common/cases/case-types.js';
import { ensureSigningKey, keysDir, KeystoreError, ownSigningKey, trustedKeys, trustKey, untrustKey } from '../cases/keystore.js';
import { checkManifestSignature, publicKeyPem } from '../cases/signing.js';
import { readZipSafely } from '../cases/zip-reader.js';

const USAGE = `usage: uad keys <show [--create] | list | trust FILE --fingerprint SHA256:… --name NAME | untrust SHA256:…> [--json]

  show     this profile's public key and fingerprint (hand these to whoever must trust your cases);
           the key is made on the first case export, or now with --create
  list     this profile's key and every key it trusts
  trust    trust another examiner's key, from their public key file (.pem) or from a case they signed;
           --fingerprint must be the fingerprint they gave you out of band (it is checked against the key)
  untrust  remove a key from the trust list

  --json   one JSON object on stdout instead of the text

examples:
  uad keys show --create
  uad keys trust their-case.zip --fingerprint SHA256:… --name "B. Examiner"

exit status: 0 done, 1 refused (fingerprint mismatch, unreadable key or case, key not on the list), 2 bad usage

keys live in ${keysDir()} (override with UAD_KEYS_DIR); the private key never leaves it`;

/** Prints the text form, or the JSON object when --json was given. */
type Report = (text: string, value: unknown) => void;
const reporter = (json: boolean): Report => (text, value) => { console.log(json ? jsonForDisplay(value) : text); };

/** The signer's public key of a case file, when its signature is valid. */
async function keyFromCase(file: string): Promise<string> {
  const read = await readZipSafely(file);
  if (!read.ok) throw new KeystoreError(`${file} is not a readable case file (${read.problems[0]?.message ?? 'unknown problem'})`);
  const sig = read.entries.find((e) => e.name === MANIFEST_SIG);
  const manifest = read.entries.find((e) => e.name === MANIFEST_JSON);
  if (!sig || !manifest) throw new KeystoreError(`${file} is not signed`);
  const check = checkManifestSignature(sig.data, manifest.data);
  if (!check.valid) throw new KeystoreError(`${file}: ${check.reason}`);
  return check.publicKeyPem;
}

async function trust(argv: string[], report: Report): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { fingerprint: { type: 'string' }, name: { type: 'string' } } });
  if (positionals.length !== 1 || !values.fingerprint || !values.name) {
    console.error(`uad keys trust: give one key file or case file, --fingerprint and --name\n${USAGE}`);
    return 2;
  }
  const file = positionals[0]!;
  const pem = file.toLowerCase().endsWith('.zip') ? await keyFromCase(file) : await readFile(file, 'utf8');
  const entry = trustKey(pem, values.name, values.fingerprint);
  report(`trusted ${entry.fingerprint} as "${shown(entry.name)}"`, { trusted: entry });
  return 0;
}

export async function runKeysCommand(args: string[]): Promise<number> {
  const report = reporter(args.includes('--json'));
  const [sub, ...rest] = args.filter((a) => a !== '--json');
  try {
    switch (sub) {
      case 'show': {
        const { values } = parseArgs({ args: rest, options: { create: { type: 'boolean' } } });
        const key = values.create ? ensureSigningKey() : ownSigningKey();
        if (!key) {
          report(`no signing key yet in ${keysDir()}: one is made on the first case export (or run \`uad keys show --create\`)`, { own: null, keysDir: keysDir() });
          return 0;
        }
        report(`fingerprint ${key.fingerprint}\n${publicKeyPem(key.publicKey).trimEnd()}`, { own: { fingerprint: key.fingerprint, publicKey: publicKeyPem(key.publicKey) }, keysDir: keysDir() });
        return 0;
      }
      case 'list': {
        const own = ownSigningKey();
        const trusted = trustedKeys();
        report([
          own ? `own      ${own.fingerprint}  this profile's key` : 'own      (none yet: made on the first case export)',
          ...trusted.map((k) => `trusted  ${k.fingerprint}  ${shown(k.name)} (added ${k.addedAt})`),
        ].join('\n'), { own: own ? { fingerprint: own.fingerprint } : null, trusted });
        return 0;
      }
      case 'trust':
        return await trust(rest, report);
      case 'untrust': {
        if (rest.length !== 1) { console.error(`uad keys untrust: give one fingerprint\n${USAGE}`); return 2; }
        if (!untrustKey(rest[0]!)) { console.error(`uad keys: ${shown(rest[0]!)} is not on the trust list`); return 1; }
        report(`no longer trusted: ${rest[0]}`, { untrusted: rest[0] });
        return 0;
      }
      case '--help': case '-h': case 'help':
        console.log(USAGE);
        return 0;
      default:
        console.error(`uad keys: ${sub ? `unknown subcommand '${shown(sub)}'` : 'give a subcommand'}\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof KeystoreError || (err as NodeJS.ErrnoException).code !== undefined || err instanceof TypeError) {
      console.error(`uad keys: ${shown((err as Error).message)}`);
      return err instanceof TypeError ? 2 : 1;
    }
    throw err;
  }
}
