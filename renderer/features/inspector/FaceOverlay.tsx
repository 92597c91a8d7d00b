// The original photograph with the detected face's box and keypoints drawn over it, and the domain badge.
// Renderer feature component; test ids face-box and domain-badge (data-in-domain true|false|unknown).
import type { SampleDetailPayload, SampleImage } from '../../../common/contract/samples';
import './face-overlay.css';
import { formatConfidence, formatDistance } from '../../../common/format/figures';

export function FaceOverlay({ original, detail }: { original: SampleImage; detail: SampleDetailPayload }) {
  const face = detail.face;
  const size = detail.originalSize;
  return (
    <div className="face-overlay">
      <img src={`data:${original.mime};base64,${original.base64}`} alt="original" data-testid="original-image" />
      {face && size && (
        <svg viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" data-testid="face-box" data-face-index={face.index} aria-label={`face ${face.index}, detector confidence ${formatConfidence(face.confidence)}`}>
          <rect x={face.box[0]} y={face.box[1]} width={face.box[2] - face.box[0]} height={face.box[3] - face.box[1]} className="face-rect" vectorEffect="non-scaling-stroke" />
          {face.keypoints.map(([x, y], k) => <circle key={k} cx={x} cy={y} r={Math.max(1.5, (face.box[2] - face.box[0]) / 40)} className={k < 2 ? 'face-eye' : 'face-point'} />)}
        </svg>
      )}
    </div>
  );
}

export function DomainBadge({ domain }: { domain: SampleDetailPayload['domain'] }) {
  if (!domain.known) {
    return <span className="badge domain-unknown" data-testid="domain-badge" data-in-domain="unknown" title={domain.reason}>domain unknown</span>;
  }
  const parts = [
    ['embedding', domain.embeddingDistance],
    ['input statistics', domain.imageDistance],
    ['appearance', domain.appearanceDistance],
  ].filter((p): p is [string, number] => p[1] !== undefined);
  const views = parts.length > 1;
  const text = views
    ? `${domain.inDomain ? 'in domain' : 'outside the domain'} · distance ${formatDistance(domain.distance)} of limit 1 (${parts.map(([name, d]) => `${name} ${formatDistance(d)}`).join(', ')})`
    : `${domain.inDomain ? 'in domain' : 'outside the domain'} · distance ${formatDistance(domain.distance)} (limit ${formatDistance(domain.threshold)}, p${domain.percentile} of dev)`;
  const title = views
    ? `The largest of ${parts.length} Mahalanobis distances, each over its threshold (${parts.map(([name]) => name).join(', ')}), each to the nearest class mean of the model's training data; the thresholds keep p${domain.percentile} of the dev samples inside`
    : "Mahalanobis distance of the embedding to the nearest class mean of the model's training data";
  return <span className={`badge ${domain.inDomain ? 'domain-in' : 'domain-out'}`} data-testid="domain-badge" data-in-domain={String(domain.inDomain)} title={title}>{text}</span>;
}
