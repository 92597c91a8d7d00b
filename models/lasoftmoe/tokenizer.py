# Word-level CLIP-style tokenizer for the tiny text tower's class prompts (SOT ... EOT, zero padded).
# Python (models/). The vit_b16 config needs OpenAI's BPE vocabulary instead (not bundled; see README).
from __future__ import annotations

import re
from typing import List, Sequence

import torch

SPECIALS = ["<pad>", "<sot>", "<eot>", "<unk>"]
WORDS = [
    "a", "an", "this", "is", "image", "of", "photo", "face", "live", "fake", "real", "spoof", "attack",
    "the", "picture", "person", "human", "bona", "fide", "presentation", "digital", "physical",
    "adversarial", "edited", "printed", "replayed", "genuine", "forged", ".", ",",
]


class WordTokenizer:
    def __init__(self, vocab_size: int = 64):
        vocab = SPECIALS + WORDS
        if len(vocab) > vocab_size:
            raise ValueError("vocab_size too small for the word list")
        self.vocab = {w: i for i, w in enumerate(vocab)}
        self.pad, self.sot, self.eot, self.unk = 0, 1, 2, 3

    def encode(self, text: str) -> List[int]:
        words = re.findall(r"[a-z]+|[.,]", text.lower())
        return [self.sot] + [self.vocab.get(w, self.unk) for w in words] + [self.eot]

    def __call__(self, texts: Sequence[str], context_length: int) -> torch.Tensor:
        """texts -> ids [k, context_length] (long)."""
        out = torch.zeros(len(texts), context_length, dtype=torch.long)
        for i, t in enumerate(texts):
            ids = self.encode(t)
            if len(ids) > context_length:
                ids = ids[: context_length - 1] + [self.eot]
            out[i, : len(ids)] = torch.tensor(ids)
        return out
