#!/bin/bash
# Mutation testing with mutmut (in the dev extra), run on demand, not in CI.
#
#   bash benchmarks/mutation.sh                 # every scope below, one after another
#   bash benchmarks/mutation.sh identity periods   # some of them
#   MUTATION_CHILDREN=2 bash benchmarks/mutation.sh case   # more workers (default 1)
#
# Each scope mutates one module and runs only the tests that pin it, in a scratch
# copy of the working tree (the files git tracks or would track), so the working
# tree itself is untouched.
# Hypothesis runs derandomised with 25 examples per test there, so that a mutant is
# judged the same way every time. The score per scope is printed at the end:
# killed / all mutants, where a timeout counts as killed and a "no tests" mutant
# (code no selected test reaches) as not killed. On 2 shared cores the four default scopes
# take about an hour; run one scope at a time
# while iterating. Scores measured are in docs/testing.md.
set -euo pipefail

declare -A MODULE TESTS
# Each scope: the module mutated (layer folders) and the tests that mirror it.
MODULE[identity]=src/kongchuo/_identity/numbers.py
TESTS[identity]="tests/identity/test_number_messages.py tests/identity/test_identity.py tests/identity/test_number_helpers.py tests/junk/test_junk_values.py"
MODULE[periods]=src/kongchuo/_time/periods.py
TESTS[periods]="tests/time/test_period_messages.py tests/time/test_periods.py tests/time/test_spans.py"
MODULE[deadlines]=src/kongchuo/_time/deadlines.py
TESTS[deadlines]="tests/time/test_deadline_edges.py tests/time/test_deadline_schedule.py tests/time/test_deadlines.py tests/time/test_spans.py tests/junk/test_junk_values.py"
MODULE[age]=src/kongchuo/_time/age.py
TESTS[age]="tests/time/test_age_schedule.py tests/time/test_age.py"
MODULE[calendars]=src/kongchuo/_time/calendars.py
TESTS[calendars]="tests/time/test_calendar_documents.py tests/time/test_calendar.py tests/time/test_calendar_edges.py"
MODULE[rules]=src/kongchuo/_rules/special_groups.py
TESTS[rules]="tests/rules/test_group_rule_edges.py tests/rules/test_group_rule_findings.py tests/rules/test_group_rules.py"
MODULE[notices]=src/kongchuo/notices/_rules.py
TESTS[notices]="tests/notices/test_notice_rule_edges.py tests/notices/test_notice_findings.py tests/notices/test_notices.py"
MODULE[case]=src/kongchuo/cases/_machine.py
TESTS[case]="tests/cases/test_machine.py tests/cases/test_cases.py tests/cases/test_case_log.py"
MODULE[case-rules]=src/kongchuo/cases/_rules.py
TESTS[case-rules]="tests/cases/test_case_rule_edges.py tests/cases/test_case_rule_findings.py tests/cases/test_case_rules.py tests/cases/test_cases.py tests/cases/test_case_log.py tests/policy/test_responsibility.py"
# "time" is the old name of the periods scope.
MODULE[time]=${MODULE[periods]}
TESTS[time]=${TESTS[periods]}

scopes=("$@")
[ ${#scopes[@]} -gt 0 ] || scopes=(identity periods deadlines age calendars rules notices case case-rules)

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
  # The files git sees (committed, changed and new, not ignored), so that tests
  # being written count before they are committed.
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
     | xargs -0 -I{} sh -c 'test -e "$1" && printf "%s\\0" "$1"' _ {} \
     | tar --null -T - -cf -) | tar -x -C "$dir"
  # mutmut reads a list in setup.cfg one item a line.
  {
    printf '[mutmut]\nsource_paths=src/kongchuo\nonly_mutate=%s\n' "$module"
    # Some tests read the docs pages (a table that must match the code); the root
    # conftest holds the shared fixtures (golden).
    printf 'also_copy=\n    docs\n    conftest.py\n'
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


def pytest_collection_modifyitems(items):
    # A test's own @settings wins over the profile: judge every property test the
    # same way here too (no health checks, derandomised, at most 25 examples).
    for item in items:
        func = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        own = getattr(func, "_hypothesis_internal_use_settings", None)
        if own is not None:
            func._hypothesis_internal_use_settings = _settings(
                own,
                suppress_health_check=list(_HealthCheck),
                derandomize=True,
                database=None,
                max_examples=min(own.max_examples, 25),
                deadline=None,
            )
PY
  echo "== $scope: $module against$tests"
  start=$(date +%s)
  (cd "$dir" && python -m mutmut run --max-children "${MUTATION_CHILDREN:-1}" > "$dir/run.log" 2>&1) || true
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
judged = sum(counts[s] for s in ("killed", "survived", "timeout", "suspicious", "no tests"))
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
