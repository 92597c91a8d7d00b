// Child process for the kill -9 durability test: saves one annotation in a workspace, prints "saved"
// and then stays alive (holding the database open) until the parent kills it.
import { addAnnotation } from '../../electron/workspace/annotations.js';
import { Workspace } from '../../electron/workspace/workspace.js';

const [dir, sampleId, note] = process.argv.slice(2);
const workspace = Workspace.open(dir!, 'examiner-child');
addAnnotation(workspace, { sampleId: Number(sampleId), verdict: 'attack', attackSpecies: 'print', tags: ['kill-test'], note: note ?? '', status: 'open' });
process.stdout.write('saved\n');
setInterval(() => undefined, 60_000); // no close, no checkpoint: the kill lands on an open database
