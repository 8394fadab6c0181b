#!/bin/bash
# Mutation testing with mutmut (in the dev extra), run on demand, not in CI.
#
#   bash benchmarks/mutation.sh                 # every scope below, one after another
#   bash benchmarks/mutation.sh identity time   # some of them
#
# Each scope mutates one module and runs only the tests that pin it, in a scratch
# copy of the committed tree (git archive HEAD), so the working tree is untouched.
# Hypothesis runs derandomised with 25 examples per test there, so that a mutant is
# judged the same way every time. The score per scope is printed at the end:
# killed / (killed + survived + timeout + suspicious); "no tests" mutants are listed
# apart (code no selected test reaches). On 2 shared cores the four default scopes
# take about 20 minutes.
set -euo pipefail

declare -A MODULE TESTS
MODULE[identity]=src/kongchuo/_identity.py
TESTS[identity]="tests/test_identity.py"
MODULE[time]=src/kongchuo/_periods.py
TESTS[time]="tests/test_periods.py tests/test_spans.py"
MODULE[rules]=src/kongchuo/notices/_rules.py
TESTS[rules]="tests/test_notices.py"
MODULE[case]=src/kongchuo/cases/_machine.py
TESTS[case]="tests/test_cases.py"

scopes=("$@")
[ ${#scopes[@]} -gt 0 ] || scopes=(identity time rules case)

repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/kongchuo-mutation.XXXXXX)
summary="$work/summary.txt"
: > "$summary"

for scope in "${scopes[@]}"; do
  module=${MODULE[$scope]:?unknown scope $scope}
  tests=""
  for t in ${TESTS[$scope]}; do [ -e "$repo/$t" ] && tests="$tests $t"; done
  dir="$work/$scope"
  mkdir -p "$dir"
  git -C "$repo" archive HEAD | tar -x -C "$dir"
  # mutmut reads a list in setup.cfg one item a line.
  {
    printf '[mutmut]\nsource_paths=src/kongchuo\nonly_mutate=%s\n' "$module"
    printf 'pytest_add_cli_args=\n    -p\n    no:randomly\n    --no-header\n'
    printf 'pytest_add_cli_args_test_selection=\n'
    for t in $tests; do printf '    %s\n' "$t"; done
  } > "$dir/setup.cfg"
  cat >> "$dir/tests/conftest.py" <<'PY'

from hypothesis import HealthCheck as _HealthCheck
from hypothesis import settings as _settings

_settings.register_profile(
    "mutmut",
    suppress_health_check=list(_HealthCheck),
    derandomize=True,
    database=None,
    max_examples=25,
    deadline=None,
)
_settings.load_profile("mutmut")
PY
  echo "== $scope: $module against$tests"
  start=$(date +%s)
  (cd "$dir" && python -m mutmut run > "$dir/run.log" 2>&1) || true
  (cd "$dir" && python -m mutmut results --all true > "$dir/results.txt" 2>&1) || true
  python - "$scope" "$module" "$dir/results.txt" "$(( $(date +%s) - start ))" >> "$summary" <<'PY'
import collections, sys
scope, module, path, seconds = sys.argv[1:]
counts = collections.Counter()
survivors = []
for line in open(path, encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if not name:
        continue
    counts[status] += 1
    if status == "survived":
        survivors.append(name)
judged = sum(counts[s] for s in ("killed", "survived", "timeout", "suspicious"))
killed = counts["killed"] + counts["timeout"]
score = 100 * killed / judged if judged else 0.0
print(f"{scope:<9} {module:<34} killed {killed:>4} / {judged:<4} = {score:5.1f}%  "
      f"survived {counts['survived']}, no tests {counts['no tests']}, {seconds} s")
for name in survivors:
    print(f"    survived: {name}")
PY
  tail -n +1 "$summary" | tail -n 1
done
echo
echo "Mutation score per scope (a timeout counts as killed):"
cat "$summary"
echo "Scratch copies and logs: $work"
