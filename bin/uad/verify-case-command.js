import { n as verifyCaseFile, t as recordedExport } from "./import-case.js";
import { t as Workspace } from "./workspace.js";
import { parseArgs } from "node:util";
// electron/cli/verify-case-command.ts
var USAGE = "usage: uad verify-case FILE.zip [--expect-manifest <sha256>] [--workspace <dir>] [--json]\n\nexit status: 0 intact (and recorded / expected when asked), 1 rejected, 2 bad usage";
function printVerdict(result) {
	if (result.ok && result.summary) {
		const s = result.summary;
		console.log(`OK  ${result.path}`);
		console.log(`case ${s.caseId} "${s.title}" by ${s.examiner}, exported ${s.createdAt}`);
		console.log(`${s.samples} sample(s), ${s.annotations} annotation(s), model ${s.modelName} (${s.modelSha256.slice(0, 12)}…), evidence ${s.evidence === "embed" ? "embedded" : "as hashes only"}`);
		console.log(`manifest sha256 ${result.manifestSha256}`);
		console.log("every file matches the manifest; case.json matches its schema; the custody chain is intact");
		if (result.recordedExport) console.log(`this manifest was exported from the given workspace (custody entry ${result.recordedExport.seq}, ${result.recordedExport.at})`);
		return;
	}
	console.error(`REJECTED  ${result.path}`);
	for (const p of result.problems) console.error(`  - [${p.code}]${p.where ? ` ${p.where}:` : ""} ${p.message}`);
}
async function runVerifyCaseCommand(argv) {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				"expect-manifest": { type: "string" },
				workspace: { type: "string" },
				json: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				}
			}
		});
	} catch (err) {
		console.error(`uad verify-case: ${err.message}\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length !== 1) {
		console.error(`uad verify-case: give exactly one case file\n${USAGE}`);
		return 2;
	}
	let workspace = null;
	try {
		if (values.workspace) workspace = Workspace.open(values.workspace);
	} catch (err) {
		console.error(`uad verify-case: cannot open the workspace: ${err.message}`);
		return 2;
	}
	try {
		const result = await verifyCaseFile(positionals[0], workspace ? { findRecordedExport: (hash) => recordedExport(workspace, hash) } : {});
		const expected = values["expect-manifest"]?.toLowerCase();
		if (expected && result.manifestSha256 !== expected) {
			result.ok = false;
			result.problems.push({
				code: "unexpected-manifest",
				message: `the manifest hash is ${result.manifestSha256 ?? "unreadable"}, not the expected ${expected}`
			});
		}
		if (workspace && result.ok && !result.recordedExport) {
			result.ok = false;
			result.problems.push({
				code: "not-recorded",
				message: `the workspace's custody log has no export of this manifest (${result.manifestSha256})`
			});
		}
		if (values.json) console.log(JSON.stringify(result, null, 2));
		else printVerdict(result);
		return result.ok ? 0 : 1;
	} finally {
		workspace?.close();
	}
}
export { runVerifyCaseCommand };
