#!/usr/bin/env bash
# Runs the CPU benchmarks side by side: tfclassic (.venv) and, when REF_PYTHON points at a
# Python with real TensorFlow installed, the same scripts there. Prints JSON lines and ratios
# (tensorflow/tfclassic: above 1 means tfclassic is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
OURS=${OURS_PYTHON:-.venv/bin/python}
REF=${REF_PYTHON:-}
for b in train_mlp_step train_lenet_step session_run_overhead import_time; do
  ours=$($OURS bench/$b.py | tail -n 1); echo "$ours"
  if [ -n "$REF" ]; then
    ref=$(TF_CPP_MIN_LOG_LEVEL=3 $REF bench/$b.py 2>/dev/null | tail -n 1); echo "$ref"
    python3 -c "import json,sys; o=json.loads(sys.argv[1]); r=json.loads(sys.argv[2]); \
print('%s: tensorflow/tfclassic = %.2fx' % (o['bench'], r['median']/o['median']))" "$ours" "$ref"
  fi
done
