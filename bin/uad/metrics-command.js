import { t as DECISION_RULE } from "./decision.js";
import { n as ATTACK_CLASS_TITLES } from "./attack-classes.js";
import { _ as parseCriterion, b as MetricsInputError, c as certificationJson, d as formatCountedRate, f as metricsReportJson, g as CRITERION_NAMES, h as MAX_BOOTSTRAP_REPLICATES, i as readScores, l as leakageJson, n as PROFILE_HELP, o as fullEvaluation, p as ScoresCsvError, r as loadProfile, s as ProfileError, t as InputFileError, u as profileResultJson, x as validateLabelledScores } from "./evaluation-inputs.js";
// electron/cli/certification-table.ts
var percent$1 = (rate) => `${(rate * 100).toFixed(2)} %`;
var counted = (rate) => rate === null ? "no attempts" : `${percent$1(rate.rate).padStart(8)}   ${formatCountedRate(rate)}`;
var row = (name, value) => `  ${name.padEnd(30)}${value}`;
function formatCertification(full) {
	const { counted: rates } = full;
	const lines = [
		"",
		"Counted rates at the threshold, with exact 95 % intervals (Clopper-Pearson, two-sided):",
		`  ${rates.basis}`
	];
	lines.push(row("APCER_AP (worst species)", `${counted(rates.all.apcerAp)}${rates.all.apcerAp === null ? "" : `   ${rates.all.apcerAp.species}`}`));
	lines.push(row("APCER (pooled)", counted(rates.all.apcerPooled)));
	lines.push(row("BPCER", counted(rates.bpcer)));
	lines.push(row("APNRR", counted(rates.all.apnrr)));
	lines.push(row("BPNRR", counted(rates.bpnrr)));
	lines.push(row("BPCER20", `${counted(rates.bpcer20.bpcer)}   at threshold ${rates.bpcer20.threshold.toPrecision(6)}`));
	lines.push(row("BPCER100", `${counted(rates.bpcer100.bpcer)}   at threshold ${rates.bpcer100.threshold.toPrecision(6)}`));
	for (const species of rates.all.apcerBySpecies) lines.push(row(`APCER ${species.species}`, counted(species)));
	for (const cls of rates.byClass) {
		lines.push("", `  ${ATTACK_CLASS_TITLES[cls.attackClass]}: ${cls.attacks} attacks`);
		lines.push(row("  APCER_AP", `${counted(cls.apcerAp)}${cls.apcerAp === null ? "" : `   ${cls.apcerAp.species}`}`));
		lines.push(row("  APCER (pooled)", counted(cls.apcerPooled)));
		lines.push(row("  APNRR", counted(cls.apnrr)));
	}
	if (rates.nonResponses.length > 0) {
		lines.push("", `Non-responses (${rates.nonResponses.length}):`);
		for (const n of rates.nonResponses.slice(0, 50)) lines.push(`  line ${n.line}  ${n.label === 1 ? "attack" : "bona fide"}  ${n.reason}  ${n.path}`);
		if (rates.nonResponses.length > 50) lines.push(`  … and ${rates.nonResponses.length - 50} more (all of them in --json)`);
	}
	if (full.profile !== null) {
		const p = full.profile;
		lines.push("", `Profile: ${p.profile.name} — ${p.profile.status}`, `  source: ${p.profile.source.title} <${p.profile.source.url}>`);
		for (const further of p.profile.further_sources ?? []) lines.push(`  also: ${further.title} <${further.url}>`);
		for (const r of p.results) lines.push(`  [${r.verdict}] ${r.subject}: ${r.reason}`);
		lines.push(`  ${p.summary.pass} pass, ${p.summary.fail} fail, ${p.summary.insufficient} insufficient, ${p.summary["not-evaluated"]} not evaluated`);
		for (const note of p.profile.unverified) lines.push(`  not verified: ${note}`);
	}
	if (full.leakage !== null) {
		for (const warning of full.leakage.warnings) lines.push("", `WARNING: ${warning}`);
		for (const split of full.leakage.withoutIdentities) lines.push(`  note: ${split} has no identity column; leakage not checked for it`);
	}
	return lines;
}
// electron/cli/metrics-command.ts
var USAGE = `usage: uad metrics --scores FILE.csv [--dev DEV.csv] [--train TRAIN.csv]
         [--criterion ${CRITERION_NAMES.join("|")}] [--threshold T] [--json]
         [--bootstrap N [--seed S] [--by sample|identity]] [--profile NAME]

  --scores FILE   scores to evaluate: CSV with header score,label[,species][,identity][,class][,path][,status]
                  (any column order, other columns ignored); label 1 = attack, 0 = bona fide;
                  higher score = more likely attack; a sample is called attack when score >= T;
                  class: presentation|adversarial|digital (or 1|2|3; else taken from the path);
                  a row whose status is not 'ok' (unreadable, no-face, skipped) is a non-response
  --dev FILE      choose the criterion's threshold on this file and apply it to --scores
                  (without --dev it is chosen on the --scores file itself)
  --criterion C   eer (default), min-hter, bpcer20 / bpcer100 (highest threshold with worst-species
                  APCER <= 5 % / 1 %), apcer20 / apcer100 (lowest threshold with BPCER <= 5 % / 1 %),
                  fixed (needs --threshold)
  --threshold T   evaluate at T (implies --criterion fixed)
  --train FILE    a training scores/identity CSV, read only to count identities shared between splits
  --profile NAME  check the rates against a readiness profile (${PROFILE_HELP});
                  indicative, not a certification
  --json          print one JSON object instead of the table (rates as fractions in [0, 1])
  --bootstrap N   add seeded bootstrap 95 % intervals (N replicates) for AUC, EER and the rates
  --seed S        bootstrap seed (integer, default 0)
  --by MODE       bootstrap resampling: sample (stratified, default) or identity

exit status: 0 ok, 1 bad data (unreadable file, bad CSV, one class only), 2 bad usage`;
var UsageError = class extends Error {};
/** Runs the command; returns the process exit code (0 ok, 1 data error, 2 usage error). */
async function runMetricsCommand(argv) {
	let args;
	try {
		args = parseArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError) && !(error instanceof MetricsInputError)) throw error;
		console.error(`uad metrics: ${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (args === "help") {
		console.log(USAGE);
		return 0;
	}
	try {
		const scores = await readScores(args.scoresPath);
		let dev;
		if (args.devPath !== void 0) {
			if (args.criterion.kind === "fixed") console.error("uad metrics: note: --dev is not used to choose a fixed threshold (only for the leakage check)");
			dev = await readScores(args.devPath);
		}
		const train = args.trainPath === void 0 ? void 0 : await readScores(args.trainPath);
		const profile = args.profile === void 0 ? void 0 : await loadProfile(args.profile);
		validateNamingFile(scores, args.scoresPath);
		if (dev !== void 0 && args.devPath !== void 0 && args.criterion.kind !== "fixed") validateNamingFile(dev, args.devPath);
		const full = evaluateNamingFile(() => fullEvaluation({
			scores: {
				data: scores,
				description: args.scoresPath
			},
			dev: dev === void 0 || args.devPath === void 0 ? void 0 : {
				data: dev,
				description: args.devPath
			},
			train: train === void 0 || args.trainPath === void 0 ? void 0 : {
				data: train,
				description: args.trainPath
			},
			criterion: args.criterion,
			profile,
			bootstrap: args.bootstrap
		}));
		const { report, bootstrap } = full;
		if (args.json) {
			const json = {
				...metricsReportJson(report),
				...certificationJson(full.counted)
			};
			if (bootstrap !== null) {
				json.bootstrap = bootstrapJson(bootstrap);
				json.ci_bootstrap = bootstrapCiJson(bootstrap);
			}
			if (full.profile !== null) json.profile = profileResultJson(full.profile);
			if (full.leakage !== null) json.leakage = leakageJson(full.leakage);
			process.stdout.write(`${JSON.stringify(json)}\n`);
		} else {
			process.stdout.write(formatTable(report, bootstrap ?? void 0));
			process.stdout.write(`${formatCertification(full).join("\n")}\n`);
		}
		return 0;
	} catch (error) {
		if (error instanceof ScoresCsvError || error instanceof DataError || error instanceof InputFileError || error instanceof ProfileError) {
			console.error(`uad metrics: ${error.message}`);
			return 1;
		}
		throw error;
	}
}
var DataError = class extends Error {};
function parseArguments(argv) {
	const values = /* @__PURE__ */ new Map();
	let json = false;
	const valued = /* @__PURE__ */ new Set([
		"--scores",
		"--dev",
		"--train",
		"--profile",
		"--criterion",
		"--threshold",
		"--bootstrap",
		"--seed",
		"--by"
	]);
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === "--help" || arg === "-h") return "help";
		if (arg === "--json") {
			json = true;
			continue;
		}
		const equals = arg.indexOf("=");
		const name = equals > 0 ? arg.slice(0, equals) : arg;
		if (!valued.has(name)) throw new UsageError(`unknown argument '${arg}'`);
		const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
		if (value === void 0 || value === "" || equals < 0 && value.startsWith("--")) throw new UsageError(`${name} needs a value`);
		if (values.has(name)) throw new UsageError(`${name} given twice`);
		values.set(name, value);
	}
	const scoresPath = values.get("--scores");
	if (scoresPath === void 0) throw new UsageError("--scores FILE.csv is required");
	const thresholdText = values.get("--threshold");
	const threshold = thresholdText === void 0 ? void 0 : Number(thresholdText);
	if (threshold !== void 0 && !Number.isFinite(threshold)) throw new UsageError(`--threshold '${thresholdText}' is not a finite number`);
	const criterionText = values.get("--criterion") ?? (threshold !== void 0 ? "fixed" : "eer");
	const criterion = parseCriterion(criterionText, threshold);
	if (threshold !== void 0 && criterion.kind !== "fixed") throw new UsageError(`--threshold evaluates at a fixed threshold; it cannot be combined with --criterion ${criterionText}`);
	let bootstrap;
	const replicatesText = values.get("--bootstrap");
	if (replicatesText !== void 0) {
		const replicates = Number(replicatesText);
		if (!Number.isInteger(replicates) || replicates < 2 || replicates > 1e5) throw new UsageError(`--bootstrap '${replicatesText}' must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}`);
		const seed = Number(values.get("--seed") ?? "0");
		if (!Number.isInteger(seed)) throw new UsageError(`--seed '${values.get("--seed")}' must be an integer`);
		const resample = values.get("--by") ?? "sample";
		if (resample !== "sample" && resample !== "identity") throw new UsageError(`--by '${resample}' must be sample or identity`);
		bootstrap = {
			replicates,
			seed,
			resample
		};
	} else if (values.has("--seed") || values.has("--by")) throw new UsageError("--seed and --by only apply with --bootstrap N");
	return {
		scoresPath,
		devPath: values.get("--dev"),
		trainPath: values.get("--train"),
		profile: values.get("--profile"),
		criterion,
		json,
		bootstrap
	};
}
/** Checks one file's scores (both classes, finite scores), naming the file in the error. */
function validateNamingFile(data, path) {
	try {
		validateLabelledScores(data);
	} catch (error) {
		if (error instanceof MetricsInputError) throw new DataError(`${path}: ${error.message}`);
		throw error;
	}
}
/** Runs the evaluation, turning the library's whole-file data errors (one class, …) into DataError. */
function evaluateNamingFile(run) {
	try {
		return run();
	} catch (error) {
		if (error instanceof MetricsInputError) throw new DataError(error.message);
		throw error;
	}
}
/** The bootstrap intervals in the `ci` shape ({method, low, high}) of the counted rates. */
function bootstrapCiJson(result) {
	const method = `bootstrap-${result.resample}`;
	const ci = (i) => ({
		method,
		level: result.level,
		low: i.lower,
		high: i.upper
	});
	const at = result.atThreshold;
	return {
		auc: ci(result.auc),
		eer: ci(result.eer),
		...at === void 0 ? {} : {
			apcer_ap: ci(at.apcerMax),
			apcer_pooled: ci(at.apcerPooled),
			bpcer: ci(at.bpcer),
			acer: ci(at.acer),
			hter: ci(at.hter)
		}
	};
}
function bootstrapJson(result) {
	const interval = (i) => ({
		estimate: i.estimate,
		lower: i.lower,
		upper: i.upper,
		standard_error: i.standardError
	});
	const atThreshold = result.atThreshold;
	return {
		replicates: result.replicates,
		seed: result.seed,
		level: result.level,
		resample: result.resample,
		redrawn_replicates: result.redrawnReplicates,
		auc: interval(result.auc),
		eer: interval(result.eer),
		...atThreshold === void 0 ? {} : { at_threshold: {
			threshold: atThreshold.threshold,
			apcer_max: interval(atThreshold.apcerMax),
			apcer_pooled: interval(atThreshold.apcerPooled),
			bpcer: interval(atThreshold.bpcer),
			acer: interval(atThreshold.acer),
			hter: interval(atThreshold.hter)
		} }
	};
}
var percent = (rate) => `${(rate * 100).toFixed(2)} %`;
var number = (value) => Number.isInteger(value) ? String(value) : value.toPrecision(6);
function formatTable(report, bootstrap) {
	const { operatingPoint } = report;
	const { provenance, rates, appliedTo } = operatingPoint;
	const lines = [];
	lines.push(`Scores: ${appliedTo.description}: ${appliedTo.samples} samples (${appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${appliedTo.bonaFide} bona fide)`);
	if (provenance.chosenOn === null) lines.push(`Threshold: ${number(provenance.threshold)} (fixed)`);
	else if (operatingPoint.chosenOnSameData) lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on the scores file itself (no --dev; optimistic)`);
	else {
		const source = provenance.chosenOn;
		lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on dev ${source.description} (${source.samples} samples) and applied to ${appliedTo.description}`);
	}
	lines.push(`Decision: ${DECISION_RULE}; rates in percent.`, "");
	const ci = (interval, asPercent = true) => interval === void 0 ? "" : `   [${asPercent ? percent(interval.lower) : interval.lower.toFixed(6)}, ${asPercent ? percent(interval.upper) : interval.upper.toFixed(6)}]`;
	const row = (name, value, extra = "") => `  ${name.padEnd(26)}${value.padStart(10)}${extra}`;
	const at = bootstrap?.atThreshold;
	lines.push(row("AUC", report.auc.toFixed(6), ci(bootstrap?.auc, false)));
	lines.push(row("EER", percent(report.eer.eer), `   at threshold ${number(report.eer.threshold)}${ci(bootstrap?.eer)}`));
	lines.push(row("APCER (ISO, worst species)", percent(rates.apcerMax), `   ${rates.worstSpecies}${ci(at?.apcerMax)}`));
	lines.push(row("APCER (pooled)", percent(rates.apcerPooled), ci(at?.apcerPooled)));
	lines.push(row("BPCER", percent(rates.bpcer), ci(at?.bpcer)));
	lines.push(row("ACER (ISO)", percent(rates.acer), ci(at?.acer)));
	lines.push(row("ACER (pooled) = HTER", percent(rates.hter), ci(at?.hter)));
	lines.push(row("ACC", percent(rates.acc)));
	for (const { maxApcer, point } of report.bpcerAtApcer) lines.push(row(`BPCER @ APCER <= ${percent(maxApcer)}`, percent(point.rates.bpcer), `   at threshold ${number(point.threshold)}`));
	for (const { maxBpcer, point } of report.apcerAtBpcer) lines.push(row(`APCER @ BPCER <= ${percent(maxBpcer)}`, percent(point.rates.apcerMax), `   at threshold ${number(point.threshold)} (pooled ${percent(point.rates.apcerPooled)})`));
	if (bootstrap !== void 0) lines.push("", `  [intervals: ${Math.round(bootstrap.level * 100)} % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}]`);
	lines.push("", `  ${"Presentation".padEnd(24)}${"samples".padStart(9)}${"called bona fide".padStart(18)}${"called attack".padStart(15)}${"error".padStart(11)}`);
	const { confusion } = report;
	for (let r = 0; r < confusion.rowNames.length; r++) {
		const total = confusion.calledBonaFide[r] + confusion.calledAttack[r];
		const errors = r === 0 ? confusion.calledAttack[r] : confusion.calledBonaFide[r];
		const label = r === 0 ? confusion.rowNames[r] : `attack: ${confusion.rowNames[r]}`;
		lines.push(`  ${label.padEnd(24)}${String(total).padStart(9)}${String(confusion.calledBonaFide[r]).padStart(18)}${String(confusion.calledAttack[r]).padStart(15)}${percent(errors / total).padStart(11)}`);
	}
	return `${lines.join("\n")}\n`;
}
export { runMetricsCommand };
