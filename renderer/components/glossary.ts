// What each abbreviation and symbol on the screens means, in plain words: one definition each, shown as the tooltip
// wherever the term appears (Term.tsx) and listed in the help overlay's glossary. Renderer (pure data).

export const GLOSSARY = {
  APCER: 'Attack presentation classification error rate: the share of attacks the model calls bona fide (missed attacks). ISO/IEC 30107-3 reports it per attack species; "worst species" is the highest of them, "pooled" counts all attacks together.',
  BPCER: 'Bona fide presentation classification error rate: the share of genuine (bona fide) faces the model calls attacks (false alarms).',
  ACER: 'Average classification error rate: (worst-species APCER + BPCER) / 2.',
  HTER: 'Half total error rate: (pooled APCER + BPCER) / 2.',
  ACC: 'Accuracy: the share of labelled samples decided correctly at τ.',
  EER: 'Equal error rate: the rate at the threshold where APCER and BPCER are equal.',
  AUC: 'Area under the ROC curve: the chance that a random attack scores higher than a random bona fide face (1 = perfect, 0.5 = chance).',
  BPCER20: 'BPCER at the threshold where APCER is at most 5 % (1 attack in 20 missed). BPCER100 is the same at APCER ≤ 1 %. When no threshold reaches one without also reaching the other, both are read at the same τ and are equal.',
  BPCER100: 'BPCER at the threshold where APCER is at most 1 % (1 attack in 100 missed).',
  APNRR: 'Attack presentation non-response rate: the share of attacks given no decision (outside the model\'s domain, or no face found).',
  BPNRR: 'Bona fide presentation non-response rate: the share of bona fide faces given no decision.',
  'τ': 'The decision threshold: a sample whose attack score is at or above τ is called an attack, below it bona fide.',
  FA: 'False accept: an attack called bona fide (counts in APCER).',
  FR: 'False reject: a bona fide face called an attack (counts in BPCER).',
  ROC: 'Receiver operating characteristic: 1 − APCER against BPCER over every threshold.',
  DET: 'Detection error trade-off: APCER against BPCER over every threshold, on normal-deviate (probit) axes so small rates spread out.',
  CI: 'Confidence interval (95 %): the range the true rate lies in with 95 % confidence. "Bootstrap" intervals resample the scores; "exact" (Clopper-Pearson) intervals come from the error count alone. With no errors, every bootstrap replicate has none either, so the bootstrap interval is 0–0, while the exact interval still says how high the rate could be.',
  NMI: 'Normalised mutual information between a token\'s dominant expert and its sample\'s species or class: 0 means the expert tells nothing about it, 1 that each species has its own experts.',
  p: 'p-value: the share of label shuffles that looked at least as specialised. A small p says the effect is real; the NMI says how large it is.',
  'Soft-MoE': 'Soft mixture of experts: every image token is spread over a set of expert networks by learned weights instead of being sent to one.',
  expert: 'One of the small networks inside a Soft-MoE layer; each processes its own slots.',
  slot: 'An input position of an expert: a weighted mix of all image tokens. Each expert has a fixed number of slots.',
  dispatch: 'Dispatch weights: how much each image token contributes to a slot\'s input (each slot\'s weights over tokens sum to 1).',
  combine: 'Combine weights: how much each slot\'s output contributes back to a token (each token\'s weights over slots sum to 1). Summed over an expert\'s slots, they give the token\'s expert mass.',
  'expert mass': 'The share of a token\'s output that comes from one expert: its combine weights summed over that expert\'s slots (Σₛ combine[token, s] over the expert\'s slots s).',
  CLS: 'The class token: the one token the score is read from. It has no place on the patch grid, so its routing is shown apart.',
  'domain distance': 'How far a face\'s embedding lies from the faces the model was validated on (Mahalanobis distance). Beyond the domain limit the model\'s score is not evidence and the outcome is inconclusive.',
  entropy: 'Routing entropy: how evenly a token is spread over the experts, in nats; ln(number of experts) is perfectly even.',
  lift: 'Lift over uniform: a share divided by the share every expert would get if all were used equally (×1 = as uniform, ×2 = twice as much).',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;
