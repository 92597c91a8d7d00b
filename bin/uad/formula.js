// common/dataset/species.ts
var CATEGORY_BY_LABEL = [
	"bona-fide",
	"physical",
	"adversarial",
	"digital"
];
var BONA_FIDE_SPECIES = "bona-fide";
var LIVE_DIRS = /* @__PURE__ */ new Set([
	"live",
	"real",
	"bona-fide",
	"bonafide",
	"bona_fide",
	"genuine"
]);
var ATTACK_DIRS = /* @__PURE__ */ new Set([
	"attack",
	"attacks",
	"spoof",
	"fake"
]);
var FACE_EDIT_ALGOS = /* @__PURE__ */ new Set([
	"dagan",
	"facedancer",
	"insightface",
	"oneshotth",
	"safa",
	"simswap"
]);
var IDENTITY = /^[A-Za-z]{1,4}-\d{2,}$/;
/** Split on either separator and drop empty and '.' components. */
function pathComponents(relativePath) {
	return relativePath.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
}
/**
* Strips a dataset's leading `<DatasetName>/Data/` (UniAttackData's own `UniAttackData/Data/`, or a
* copy under another name) or a bare `Data/`, so the rules see the category directory first.
*/
function stripDatasetRoot(parts) {
	if (parts[1]?.toLowerCase() === "data" && parts.length > 3) return parts.slice(2);
	if (parts[0]?.toLowerCase() === "data" || parts[0]?.toLowerCase() === "uniattackdata") return parts.slice(1);
	return parts;
}
function firstIdentity(parts) {
	for (const part of parts) {
		const head = part.split("-To-")[0] ?? part;
		if (IDENTITY.test(head)) return head;
	}
	return "";
}
/**
* Attributes from the UniAttackData path shapes:
*   live/<eth>/<id>/real.rssdk/...                       → bona fide
*   spoof/<eth>/<id>/<cloth-indoor|cloth-outdoor|screen-rs>/...  → physical, species = that dir
*   adv-attacks/<algo>/<algo>_<eth>-112x112/<id>/...      → adversarial, species = algo
*   <DaGAN|FaceDancer|...|simswap>/<eth>/<id>-To-<ref>/... → digital, species = algo
* and from generic folders: live/… (bona fide), attack|spoof|fake/<species>/… (attack).
* Returns null when the path names no known class.
*/
function attributesFromPath(relativePath) {
	const parts = stripDatasetRoot(pathComponents(relativePath));
	if (parts.length < 2) return null;
	const top = parts[0].toLowerCase();
	const identity = firstIdentity(parts.slice(1));
	if (LIVE_DIRS.has(top)) return {
		isAttack: false,
		category: "bona-fide",
		species: BONA_FIDE_SPECIES,
		identity
	};
	if (top === "spoof" && parts.length >= 5 && IDENTITY.test(parts[2])) return {
		isAttack: true,
		category: "physical",
		species: parts[3],
		identity
	};
	if (top === "adv-attacks" && parts.length >= 3) return {
		isAttack: true,
		category: "adversarial",
		species: parts[1],
		identity
	};
	if (FACE_EDIT_ALGOS.has(top)) return {
		isAttack: true,
		category: "digital",
		species: parts[0],
		identity
	};
	if (ATTACK_DIRS.has(top)) return {
		isAttack: true,
		category: "attack",
		species: parts.length >= 3 ? parts[1] : "unspecified",
		identity
	};
	return null;
}
/** Category implied by a UniAttackData label, or null when the label is outside 0..3. */
function categoryFromLabel(label) {
	return Number.isInteger(label) && label >= 0 && label <= 3 ? CATEGORY_BY_LABEL[label] : null;
}
// common/csv/formula.ts
var TRIGGER = /^'*[=+\-@\t\r]/;
var PREFIXED = /^'+[=+\-@\t\r]/;
/** The text as a spreadsheet-safe cell value (before CSV quoting). */
function neutraliseFormula(text) {
	return TRIGGER.test(text) ? `'${text}` : text;
}
/** The inverse of neutraliseFormula, applied by the CSV reader to every field. */
function unneutralise(field) {
	return PREFIXED.test(field) ? field.slice(1) : field;
}
export { categoryFromLabel as a, attributesFromPath as i, unneutralise as n, pathComponents as o, BONA_FIDE_SPECIES as r, neutraliseFormula as t };
