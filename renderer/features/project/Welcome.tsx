// The start screen's welcome: what the workbench is for, the demo one click away, and the steps with your own
// files. Shown until a workspace is open. Renderer feature component; data-testid welcome, welcome-demo.
import { useWorkbench } from '../../store';

export function Welcome() {
  const workspace = useWorkbench((s) => s.workspace);
  const demo = useWorkbench((s) => s.appInfo?.demo);
  const loadDemo = useWorkbench((s) => s.loadDemo);
  if (workspace) return null;
  return (
    <section className="welcome" data-testid="welcome" aria-label="Welcome">
      <h2>Examine face attack detection, one sample at a time</h2>
      <p>
        The workbench scores face images with a La-SoftMoE model (is this a real face, or a print, replay, mask or
        deepfake?), shows which experts inside the model each part of the face was routed to, measures the error rates
        the ISO/IEC 30107-3 standard asks for, and exports signed case files for a finding.
      </p>
      {demo?.model && (
        <div className="welcome-actions">
          <button type="button" className="cta" data-testid="welcome-demo" onClick={() => void loadDemo()}>Try the demo</button>
          <span className="muted">opens a demo workspace, loads the bundled demo model and lists its synthetic samples; then press Score</span>
        </div>
      )}
      <ol>
        <li>Workspace: a folder where scores, findings and settings are kept (created if new).</li>
        <li>Model: an ONNX file with its model.json beside it.</li>
        <li>Dataset: a folder (live/…, attack/&lt;species&gt;/…) or a list file; then Score.</li>
      </ol>
    </section>
  );
}
