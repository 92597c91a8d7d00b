// Annotations and bookmarks in the workspace: every save appends a row (triggers forbid edits) and a
// custody 'annotate' entry in the same transaction, so a finding is either fully recorded or not at all.
// Node side (workspace).
import {
  ANNOTATION_STATUSES, MAX_AUTHOR_LENGTH, MAX_BULK_SAMPLES, MAX_NOTE_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, VERDICTS,
  type Annotation, type AnnotationInput, type AnnotationStatus, type BulkTagInput, type Verdict,
} from '../../common/contract/annotations.js';
import { createHash } from 'node:crypto';
import { connectionOf as sql } from './connection.js';
import { appendCustody } from './custody.js';
import { distinctIndexed } from './samples.js';
import type { Workspace } from './workspace.js';

export class AnnotationError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'AnnotationError';
  }
}

interface AnnotationRow {
  id: number;
  sample_id: number;
  author: string;
  created_at: string;
  verdict: string;
  attack_species: string;
  tags: string;
  note: string;
  status: string;
}

const COLUMNS = 'id, sample_id, author, created_at, verdict, attack_species, tags, note, status';
const CONTROL = /[\u0000-\u001f\u007f]/; // names and tags are single-line; notes may hold newlines

function parseTags(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return []; // a row written by another tool with unreadable tags still lists
  }
}

function fromRow(row: AnnotationRow): Annotation {
  return {
    id: row.id, sampleId: row.sample_id, author: row.author, createdAt: row.created_at,
    verdict: (VERDICTS as readonly string[]).includes(row.verdict) ? row.verdict as Verdict : 'inconclusive',
    attackSpecies: row.attack_species ?? '', tags: parseTags(row.tags), note: row.note,
    status: (ANNOTATION_STATUSES as readonly string[]).includes(row.status) ? row.status as AnnotationStatus : 'open',
  };
}

/** Trimmed, de-duplicated tags without control characters; refuses what cannot be stored faithfully. */
function cleanTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag === '') continue;
    if (tag.length > MAX_TAG_LENGTH) throw new AnnotationError('invalid-argument', `Tag "${tag.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.`);
    if (CONTROL.test(tag)) throw new AnnotationError('invalid-argument', 'Tags cannot contain control characters.');
    if (!out.includes(tag)) out.push(tag);
  }
  if (out.length > MAX_TAGS) throw new AnnotationError('invalid-argument', `At most ${MAX_TAGS} tags per annotation.`);
  return out;
}

export function annotationHistory(workspace: Workspace, sampleId: number): Annotation[] {
  return sql(workspace).all<AnnotationRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM annotations WHERE sample_id = ? ORDER BY id`, [sampleId]).map(fromRow);
}

/** The newest annotation of every annotated sample, by sample id. */
export function latestAnnotations(workspace: Workspace): Annotation[] {
  return sql(workspace).all<AnnotationRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM annotations WHERE id IN (SELECT MAX(id) FROM annotations GROUP BY sample_id) ORDER BY sample_id`).map(fromRow);
}

/** Every annotation of the given samples, oldest first within each sample. */
export function annotationsOf(workspace: Workspace, sampleIds: number[]): Annotation[] {
  const wanted = new Set(sampleIds);
  return sql(workspace).all<AnnotationRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM annotations ORDER BY sample_id, id`)
    .filter((row) => wanted.has(row.sample_id)).map(fromRow);
}

/** SHA-256 of what an analyst wrote, kept in the custody entry so a case's annotations can be checked against it. */
export function annotationContentHash(a: Pick<Annotation, 'verdict' | 'attackSpecies' | 'tags' | 'note' | 'status'>): string {
  return createHash('sha256').update(JSON.stringify([a.verdict, a.attackSpecies, a.tags, a.note, a.status])).digest('hex');
}

/** The author of a save: the one given, else the workspace's actor; refused unless a single-line name. */
function authorOf(workspace: Workspace, given: string | undefined): string {
  const author = (given?.trim() || workspace.actor).trim(); // blank means the workspace's actor
  if (author === '' || author.length > MAX_AUTHOR_LENGTH || CONTROL.test(author)) {
    throw new AnnotationError('invalid-argument', `The author must be a name of 1–${MAX_AUTHOR_LENGTH} characters.`);
  }
  return author;
}

/**
 * Appends one annotation. 'verified' means a second examiner confirmed the finding, so it is refused
 * when the sample's newest annotation is by the same author (or there is nothing to verify yet).
 */
export function addAnnotation(workspace: Workspace, input: AnnotationInput): Annotation {
  const author = authorOf(workspace, input.author);
  const note = input.note ?? '';
  if (note.length > MAX_NOTE_LENGTH) throw new AnnotationError('invalid-argument', `The note is longer than ${MAX_NOTE_LENGTH} characters.`);
  const species = input.verdict === 'attack' ? (input.attackSpecies ?? '').trim() : '';
  if (CONTROL.test(species)) throw new AnnotationError('invalid-argument', 'The attack species cannot contain control characters.');
  const tags = cleanTags(input.tags ?? []);
  return sql(workspace).transaction(() => {
    const sample = sql(workspace).get<{ path: string; sha256: string | null }>('SELECT path, sha256 FROM samples WHERE id = ?', [input.sampleId]);
    if (!sample) throw new AnnotationError('not-found', `No sample ${input.sampleId} in this workspace.`);
    if (input.status === 'verified') {
      const previous = sql(workspace).get<{ author: string }>('SELECT author FROM annotations WHERE sample_id = ? ORDER BY id DESC LIMIT 1', [input.sampleId]);
      if (!previous) throw new AnnotationError('needs-second-examiner', 'There is no finding to verify yet: record a finding first, then a second examiner verifies it.');
      if (previous.author === author) {
        throw new AnnotationError('needs-second-examiner', `Verification needs a second examiner: the latest finding on this sample is by ${author}.`);
      }
    }
    const createdAt = new Date().toISOString();
    const { lastInsertRowid: id } = sql(workspace).run(
      'INSERT INTO annotations (sample_id, author, created_at, verdict, attack_species, tags, note, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [input.sampleId, author, createdAt, input.verdict, species, JSON.stringify(tags), note, input.status]);
    appendCustody(sql(workspace), author, 'annotate', {
      annotation: id, sample: input.sampleId, path: sample.path, sha256: sample.sha256, verdict: input.verdict, species, status: input.status,
      content: annotationContentHash({ verdict: input.verdict, attackSpecies: species, tags, note, status: input.status }),
    });
    return fromRow(sql(workspace).get<AnnotationRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM annotations WHERE id = ?`, [id])!);
  });
}

/**
 * Tags many samples at once (a selection in the browser or on the map). Annotations stay append-only: each
 * sample gets a new annotation that continues its newest finding (verdict, species, note, status) with the
 * tags added; a sample without a finding gets the verdict given, else 'inconclusive' (nothing concluded yet).
 * One custody 'annotate' entry records the whole action: the sample ids, the tags, and each annotation
 * written with its content hash (so a case's annotations can be checked against it). All or nothing.
 */
export function tagSamples(workspace: Workspace, input: BulkTagInput): Annotation[] {
  const author = authorOf(workspace, input.author);
  const sampleIds = [...new Set(input.sampleIds)];
  if (sampleIds.length === 0) throw new AnnotationError('invalid-argument', 'Select at least one sample to tag.');
  if (sampleIds.length > MAX_BULK_SAMPLES) throw new AnnotationError('invalid-argument', `At most ${MAX_BULK_SAMPLES} samples can be tagged at once.`);
  const tags = cleanTags(input.tags);
  if (tags.length === 0 && input.verdict === undefined) throw new AnnotationError('invalid-argument', 'Give a tag or a verdict to apply.');
  return sql(workspace).transaction(() => {
    const createdAt = new Date().toISOString();
    const written: Annotation[] = [];
    for (const sampleId of sampleIds) {
      if (!sql(workspace).get('SELECT id FROM samples WHERE id = ?', [sampleId])) throw new AnnotationError('not-found', `No sample ${sampleId} in this workspace.`);
      const previousRow = sql(workspace).get<AnnotationRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM annotations WHERE sample_id = ? ORDER BY id DESC LIMIT 1`, [sampleId]);
      const previous = previousRow ? fromRow(previousRow) : null;
      const verdict = input.verdict ?? previous?.verdict ?? 'inconclusive';
      const changedVerdict = previous !== null && verdict !== previous.verdict;
      const species = verdict === 'attack' && !changedVerdict ? previous?.attackSpecies ?? '' : '';
      const merged = cleanTags([...(previous?.tags ?? []), ...tags]);
      // A new verdict is a new finding to be reviewed; tags alone leave the review status as it was.
      const status: AnnotationStatus = previous && !changedVerdict ? previous.status : 'open';
      const note = previous?.note ?? '';
      const { lastInsertRowid: id } = sql(workspace).run(
        'INSERT INTO annotations (sample_id, author, created_at, verdict, attack_species, tags, note, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [sampleId, author, createdAt, verdict, species, JSON.stringify(merged), note, status]);
      written.push(fromRow(sql(workspace).get<AnnotationRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM annotations WHERE id = ?`, [id])!));
    }
    appendCustody(sql(workspace), author, 'annotate', {
      event: 'bulk-tag', samples: sampleIds, tags, ...(input.verdict === undefined ? {} : { verdict: input.verdict }),
      annotations: written.map((a) => ({ annotation: a.id, sample: a.sampleId, verdict: a.verdict, species: a.attackSpecies, status: a.status, content: annotationContentHash(a) })),
    });
    return written;
  });
}

export function bookmarkedSampleIds(workspace: Workspace): number[] {
  return sql(workspace).all<{ sample_id: number }>('SELECT sample_id FROM bookmarks ORDER BY sample_id').map((r) => r.sample_id);
}

/** Sets or clears a bookmark (idempotent); a change is logged in the custody chain. */
export function setBookmark(workspace: Workspace, sampleId: number, bookmarked: boolean, author = workspace.actor): number[] {
  return sql(workspace).transaction(() => {
    if (!sql(workspace).get('SELECT id FROM samples WHERE id = ?', [sampleId])) throw new AnnotationError('not-found', `No sample ${sampleId} in this workspace.`);
    const change = bookmarked
      ? sql(workspace).run('INSERT INTO bookmarks (sample_id, author, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [sampleId, author, new Date().toISOString()])
      : sql(workspace).run('DELETE FROM bookmarks WHERE sample_id = ?', [sampleId]);
    if (change.changes > 0) appendCustody(sql(workspace), author, 'annotate', { event: bookmarked ? 'bookmark' : 'unbookmark', sample: sampleId });
    return bookmarkedSampleIds(workspace);
  });
}

/** Attack species present in the workspace's datasets (bona fide excluded), for the verdict picker. */
export function attackSpeciesOptions(workspace: Workspace): string[] {
  // Skips through the (label, species) index of schema 8 from value to value, in the index's (binary) order.
  return distinctIndexed(workspace, 'species', 'label = 1', '');
}
