# OpenAI CLIP ViT-B/16 -> LaSoftMoECLIP key mapping, tested on a random state dict with the published shapes.
# Python / pytest (models/tests). Depth is cut to 2 image / 1 text blocks to keep the test fast.
import torch

from lasoftmoe import LaSoftMoECLIP, vit_b16
from lasoftmoe.clip_weights import load_openai_clip


def openai_vit_b16_state_dict(vis_layers: int, txt_layers: int):
    """Keys and shapes of OpenAI's ViT-B-16.pt (written out by hand, independent of the mapping code)."""
    g = torch.Generator().manual_seed(0)
    shapes = {
        "positional_embedding": (77, 512), "text_projection": (512, 512), "logit_scale": (),
        "visual.class_embedding": (768,), "visual.positional_embedding": (197, 768), "visual.proj": (768, 512),
        "visual.conv1.weight": (768, 3, 16, 16), "visual.ln_pre.weight": (768,), "visual.ln_pre.bias": (768,),
        "visual.ln_post.weight": (768,), "visual.ln_post.bias": (768,),
        "token_embedding.weight": (49408, 512), "ln_final.weight": (512,), "ln_final.bias": (512,),
    }

    def block(prefix, w):
        return {f"{prefix}.attn.in_proj_weight": (3 * w, w), f"{prefix}.attn.in_proj_bias": (3 * w,),
                f"{prefix}.attn.out_proj.weight": (w, w), f"{prefix}.attn.out_proj.bias": (w,),
                f"{prefix}.ln_1.weight": (w,), f"{prefix}.ln_1.bias": (w,),
                f"{prefix}.mlp.c_fc.weight": (4 * w, w), f"{prefix}.mlp.c_fc.bias": (4 * w,),
                f"{prefix}.mlp.c_proj.weight": (w, 4 * w), f"{prefix}.mlp.c_proj.bias": (w,),
                f"{prefix}.ln_2.weight": (w,), f"{prefix}.ln_2.bias": (w,)}

    for i in range(vis_layers):
        shapes.update(block(f"visual.transformer.resblocks.{i}", 768))
    for i in range(txt_layers):
        shapes.update(block(f"transformer.resblocks.{i}", 512))
    sd = {k: torch.randn(s, generator=g) for k, s in shapes.items()}
    sd.update(input_resolution=torch.tensor(224), context_length=torch.tensor(77), vocab_size=torch.tensor(49408))
    return sd


def test_openai_clip_mapping_loads_every_tensor():
    sd = openai_vit_b16_state_dict(2, 1)
    cfg = vit_b16("lasoftmoe", depth=2, text_depth=1, experts=2, expert_width=64)
    model = LaSoftMoECLIP(cfg)
    missing, unexpected = load_openai_clip(model, sd)
    assert unexpected == []
    assert missing and all(".moe." in k for k in missing)  # only the new Soft-MoE parameters
    own = model.state_dict()
    assert torch.equal(own["visual.blocks.1.attn.in_proj_weight"], sd["visual.transformer.resblocks.1.attn.in_proj_weight"])
    assert torch.equal(own["text.blocks.0.mlp.c_fc.weight"], sd["transformer.resblocks.0.mlp.c_fc.weight"])
    assert torch.equal(own["text.text_projection"], sd["text_projection"])
    assert torch.equal(own["visual.proj"], sd["visual.proj"])
    assert cfg.tokens == 197 and cfg.num_slots == 98  # 2 experts here; the paper's 4 experts give 49 (paper: models/README.md)


def test_upcycling_copies_mlp_into_experts():
    sd = openai_vit_b16_state_dict(1, 1)
    cfg = vit_b16("lasoftmoe", depth=1, text_depth=1, placement="replace")
    model = LaSoftMoECLIP(cfg)
    missing, unexpected = load_openai_clip(model, sd, upcycle=True)
    assert unexpected == ["visual.blocks.0.mlp.c_fc.weight", "visual.blocks.0.mlp.c_fc.bias",
                          "visual.blocks.0.mlp.c_proj.weight", "visual.blocks.0.mlp.c_proj.bias"]
    assert set(missing) == {"visual.blocks.0.moe.phi", "visual.blocks.0.moe.scale"}
    w1 = model.visual.blocks[0].moe.w1
    assert torch.equal(w1[3], sd["visual.transformer.resblocks.0.mlp.c_fc.weight"].t())
