// `tsx scripts/probe-provider.ts <provider> <model.onnx>`: opens the model with that one execution provider and
// runs it once on a zero image; prints one JSON line {ok, provider, device?, error?}. Run in its own process by
// setup:gpu, so a provider that crashes or hangs cannot take the setup down with it.
import * as ort from 'onnxruntime-node';
import { loadModelFiles } from '../electron/onnx/model-files.js';
import { openSession, type ProviderName } from '../electron/onnx/providers.js';

const [provider, modelPath] = process.argv.slice(2) as [ProviderName, string];

async function probe(): Promise<{ ok: boolean; provider: string; device?: string; error?: string }> {
  const model = await loadModelFiles(modelPath);
  const opened = await openSession(model.onnxPath, [provider], 1).catch((err: Error) => err);
  if (opened instanceof Error) {
    const attempt = /\((.*)\)$/.exec(opened.message)?.[1] ?? opened.message;
    return { ok: false, provider, error: attempt.replace(`${provider}: `, '') };
  }
  const crop = model.sidecar.preprocessing.crop;
  const input = new ort.Tensor('float32', new Float32Array(3 * crop * crop), [1, 3, crop, crop]);
  try {
    const out = await opened.session.run({ [opened.session.inputNames[0]!]: input });
    const score = out['attack_score']?.data[0];
    if (typeof score !== 'number' || !Number.isFinite(score)) throw new Error('the model gave no finite attack_score');
    const device = opened.attempts.at(-1)?.device;
    return { ok: true, provider, ...(device ? { device } : {}) };
  } catch (err) {
    return { ok: false, provider, error: `session opened but run failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    await opened.session.release();
  }
}

probe().then(
  (result) => { console.log(JSON.stringify(result)); process.exit(0); },
  (err: unknown) => { console.log(JSON.stringify({ ok: false, provider, error: err instanceof Error ? err.message : String(err) })); process.exit(0); },
);
