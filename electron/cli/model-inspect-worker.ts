// Child-process entry of `uad model init`'s inspection (electron/cli/model-trial.ts starts it under a memory
// limit): reads {modelPath, options} as JSON from argv, writes one JSON line {ok, sidecar | message}. Node side (CLI).
import { inspect, type InitOptions } from './model-inspect.js';

const job = JSON.parse(process.argv[2] ?? '{}') as { modelPath: string; options: InitOptions };
try {
  const sidecar = await inspect(job.modelPath, job.options);
  process.stdout.write(JSON.stringify({ ok: true, sidecar }) + '\n');
} catch (err) {
  process.stdout.write(JSON.stringify({ ok: false, message: (err as Error).message }) + '\n');
}
