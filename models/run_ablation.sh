#!/bin/sh
# Reproduce the ablation: generate SynthUAD (synthetic proxy), train dense / Soft-MoE / La-SoftMoE tiny models
# with identical budget, recipe and seed, evaluate, export the P1 models and write the README table.
# Shell (models/), CPU; JOBS trainings run side by side, one thread each.
#   sh models/run_ablation.sh                    # what the committed table shows: P1 training, P2 lists scored
#   P2_STEPS=2000 sh models/run_ablation.sh      # also protocol-specific P2.1 / P2.2 models
set -e
cd "$(dirname "$0")"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
STEPS=${STEPS:-7000}
P2_STEPS=${P2_STEPS:-0}
JOBS=${JOBS:-3}
RECIPE=${RECIPE:-""}  # extra train.py flags; train.py's defaults are the recipe
[ -f .work/synth/SynthUAD@p1_image_train.txt ] ||
  $PY -m lasoftmoe.synth.generate --out .work/synth --ids 1200 60 120 --seed 0
mkdir -p .work/logs
{
  for v in lasoftmoe softmoe dense; do echo "$v p1 $STEPS"; done
  if [ "$P2_STEPS" -gt 0 ]; then
    for proto in p2.1 p2.2; do for v in lasoftmoe softmoe dense; do echo "$v $proto $P2_STEPS"; done; done
  fi
} | xargs -P "$JOBS" -L 1 sh -c \
  "$PY train.py --variant \$0 --protocol \$1 --steps \$2 --seed 0 $RECIPE > .work/logs/train-\$0-\$1.log 2>&1 && echo trained \$0 \$1"
if [ "$P2_STEPS" -eq 0 ]; then  # P1-trained models on the P2 lists (labelled as such in the table)
  for v in lasoftmoe softmoe dense; do
    for proto in p2.1 p2.2; do $PY evaluate.py --variant $v --trained p1 --protocol $proto; done
  done
fi
$PY export_onnx.py
$PY make_table.py
