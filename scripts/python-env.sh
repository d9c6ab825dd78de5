#!/usr/bin/env bash
# The Python the tests read exports with (networkx, scipy): .venv with tests/python/requirements.txt installed.
# Idempotent and quick when nothing changed: it reinstalls only when the requirements' hash differs from the one
# stamped at the last install. With STANCEGRAPH_PYTHON set, that interpreter is used as it is and nothing is created.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${STANCEGRAPH_PYTHON:-}" ]; then
  echo "python-env: using STANCEGRAPH_PYTHON=$STANCEGRAPH_PYTHON"
  exit 0
fi

python=${PYTHON:-python3}
requirements=tests/python/requirements.txt
stamp=.venv/.requirements.sha256
wanted=$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$requirements")

if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

echo "python-env: installing $requirements into .venv"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check --no-input --quiet -r "$requirements"
echo "$wanted" > "$stamp"
