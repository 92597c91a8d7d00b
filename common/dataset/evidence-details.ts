// What the file behind a sample is, for the analyst and the case file: hash, size, format, pixel size and a
// few EXIF fields (camera, dates, software, orientation, whether GPS is present — never the coordinates).
// Pure shared code (common/); read on the Node side by electron/dataset/evidence-details.ts.

/** Longest EXIF text kept (camera make/model, software, dates); longer values are cut. */
export const MAX_EXIF_TEXT = 128;

export interface EvidenceExif {
  make: string | null;
  model: string | null;
  /** DateTimeOriginal as written in the file ("2019:06:01 14:03:22"; EXIF dates carry no time zone). */
  captured: string | null;
  /** ModifyDate (IFD0 DateTime) as written in the file. */
  modified: string | null;
  software: string | null;
  /** EXIF orientation 1–8 (1 = as stored); null when absent. */
  orientation: number | null;
  /** Whether the file carries GPS position tags; their values are never read out. */
  gpsPresent: boolean;
}

export interface EvidenceDetails {
  sha256: string;
  sizeBytes: number;
  /** Container format as the decoder names it ('jpeg', 'png', 'webp'…); null when it cannot tell. */
  format: string | null;
  /** Stored pixel size (before EXIF orientation); null when the header cannot be read. */
  width: number | null;
  height: number | null;
  /** null: the file has no EXIF, or it could not be read (exifNote says which). */
  exif: EvidenceExif | null;
  /** Why exif is null ("no EXIF", "EXIF unreadable: …"); null when exif is present. */
  exifNote: string | null;
}

/** What a case file carries per evidence file (case.json `evidence[].details`): hash and size are the entry's own. */
export type CaseEvidenceDetails = Omit<EvidenceDetails, 'sha256' | 'sizeBytes'>;

/** EXIF orientation in words (TIFF 6.0 tag 274). */
export function orientationText(orientation: number | null): string {
  const names = ['', 'as stored', 'mirrored horizontally', 'rotated 180°', 'mirrored vertically',
    'mirrored and rotated 90° counter-clockwise', 'rotated 90° clockwise', 'mirrored and rotated 90° clockwise', 'rotated 90° counter-clockwise'];
  return orientation === null ? '—' : `${orientation} (${names[orientation] ?? 'not a valid orientation'})`;
}
