// The "Evidence" section of the inspector: the file behind the sample, read now — SHA-256 (beside the hash
// recorded when it was scored), size, format, pixel size and EXIF (camera, dates, software, orientation,
// whether GPS is present; coordinates are never read out). Renderer feature component.
import { useWorkbench } from '../../store';
import { orientationText } from '../../../common/dataset/evidence-details';
import './evidence.css';
import { formatBytes } from '../../../common/format/figures';

const bytes = formatBytes;

export function EvidencePanel() {
  const evidence = useWorkbench((s) => s.evidence);
  const error = useWorkbench((s) => s.evidenceError);
  if (error !== null) return <section className="evidence-panel" data-testid="evidence-panel"><h3>Evidence</h3><p className="error" role="alert">{error}</p></section>;
  if (evidence === null) return null;
  const integrity = evidence.recordedSha256 === null ? 'not yet scored' : evidence.recordedSha256 === evidence.sha256 ? 'matches the hash recorded at scoring' : 'CHANGED since it was scored';
  const exif = evidence.exif;
  const rows: [string, string, string][] = [
    ['file', evidence.path, 'evidence-file'],
    ['SHA-256', evidence.sha256, 'evidence-sha256'],
    ['integrity', integrity, 'evidence-integrity'],
    ['size', `${bytes(evidence.sizeBytes)} (${evidence.sizeBytes} bytes)`, 'evidence-size'],
    ['format', evidence.format ?? 'unknown', 'evidence-format'],
    ['pixels', evidence.width === null || evidence.height === null ? 'unknown' : `${evidence.width}×${evidence.height}`, 'evidence-pixels'],
  ];
  if (exif) {
    rows.push(
      ['camera', [exif.make, exif.model].filter(Boolean).join(' · ') || '—', 'evidence-camera'],
      ['captured', exif.captured ?? '—', 'evidence-captured'],
      ['modified', exif.modified ?? '—', 'evidence-modified'],
      ['software', exif.software ?? '—', 'evidence-software'],
      ['orientation', orientationText(exif.orientation), 'evidence-orientation'],
      ['GPS', exif.gpsPresent ? 'present (position not shown)' : 'none', 'evidence-gps'],
    );
  } else {
    rows.push(['EXIF', evidence.exifNote ?? 'no EXIF', 'evidence-exif']);
  }
  return (
    <section className="evidence-panel" data-testid="evidence-panel">
      <h3>Evidence</h3>
      <table className="evidence-table">
        <tbody>
          {rows.map(([name, value, id]) => <tr key={id}><th scope="row">{name}</th><td className={id === 'evidence-sha256' ? 'mono' : undefined} data-testid={id}>{value}</td></tr>)}
        </tbody>
      </table>
    </section>
  );
}
