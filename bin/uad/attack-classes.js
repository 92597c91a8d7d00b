import { i as attributesFromPath } from "./formula.js";
// common/metrics/attack-classes.ts
var ATTACK_CLASSES = [
	"presentation",
	"adversarial",
	"digital",
	"unclassified"
];
var ATTACK_CLASS_TITLES = {
	presentation: "Presentation attacks (ISO/IEC 30107-3)",
	adversarial: "Adversarial attacks",
	digital: "Digital edits / injection (CEN/TS 18099)",
	unclassified: "Attacks of unknown class"
};
/** A dataset category (UniAttackData label 1 physical, 2 adversarial, 3 digital) as a class. */
function classOfCategory(category) {
	if (category === "physical") return "presentation";
	if (category === "adversarial") return "adversarial";
	if (category === "digital") return "digital";
	return "unclassified";
}
var CLASS_WORDS = {
	presentation: "presentation",
	physical: "presentation",
	pa: "presentation",
	"1": "presentation",
	adversarial: "adversarial",
	"2": "adversarial",
	digital: "digital",
	"digital-injection": "digital",
	injection: "digital",
	"3": "digital",
	attack: "unclassified",
	unclassified: "unclassified",
	"": "unclassified"
};
/**
* The class named by a scores file's `class` (or `category`) cell: a class name, a dataset
* category ('physical', 'adversarial', 'digital'), or a UniAttackData label 1/2/3. Null for
* anything else, so the caller can report the line.
*/
function parseAttackClass(text) {
	return CLASS_WORDS[text.trim().toLowerCase()] ?? null;
}
/** The class a sample's path implies under the UniAttackData folder rules, or 'unclassified'. */
function classOfPath(path) {
	const attributes = attributesFromPath(path);
	return attributes === null || !attributes.isAttack ? "unclassified" : classOfCategory(attributes.category);
}
export { parseAttackClass as a, classOfPath as i, ATTACK_CLASS_TITLES as n, classOfCategory as r, ATTACK_CLASSES as t };
