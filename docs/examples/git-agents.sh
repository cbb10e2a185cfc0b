#!/bin/sh
# Makes a throwaway git repository for docs/examples/git-agents.yaml: a few files, the plan, a
# pretend agent and a gate, all committed on main. Then run it with
#   ./slotflow run DIR/git-agents.yaml
# Usage: docs/examples/git-agents.sh DIR   (DIR must not exist yet)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
[ ! -e "$1" ] || { echo "$0: $1 already exists" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1/src" "$1/shared" "$1/docs"
cd "$1"
git init -q -b main
git config user.name "Git Agents Example"
git config user.email "agents@example.invalid"
# .slotflow (the engine's journal and logs) stays out of the repository
printf '.slotflow/\n' > .gitignore
printf 'name: example\nowner: nobody\nversion: 1\n' > shared/registry.txt
printf '# Example project\n' > docs/README.md
printf 'the compiler, one file per part\n' > src/PARTS
cp "$here/git-agents.yaml" git-agents.yaml

# A pretend coding agent: works for AGENT_SECONDS, then commits what it did, as a real one would.
#   agent.sh feature NAME   writes src/NAME.txt (its declared write)
#   agent.sh claim          rewrites line 2 of shared/registry.txt (undeclared: sessions that do this
#                           at the same time conflict; the queue reruns the later one on the new tip)
#   agent.sh docs NAME      appends to docs/README.md
#   agent.sh nothing        finds nothing to do and commits nothing (NOOP)
cat > agent.sh <<'AGENT'
#!/bin/sh
set -eu
sleep "${AGENT_SECONDS:-1}"
case "$1" in
  feature) printf 'feature %s by %s\n' "$2" "$SLOTFLOW_NODE" > "src/$2.txt"; git add "src/$2.txt" ;;
  claim) sed -i "2s/.*/owner: $SLOTFLOW_SPEC/" shared/registry.txt; git add shared/registry.txt ;;
  docs) printf -- '- %s\n' "$2" >> docs/README.md; git add docs/README.md ;;
  nothing) exit 0 ;;
esac
git commit -q -m "$SLOTFLOW_NODE: $1 ${2:-}"
AGENT

# The gate every branch passes before it lands: no empty feature file, a registry with an owner.
# GATE_SECONDS makes it as slow as a real test suite (default: no wait).
cat > gate.sh <<'GATE'
#!/bin/sh
set -eu
sleep "${GATE_SECONDS:-0}"
for f in src/*.txt; do [ ! -e "$f" ] || [ -s "$f" ] || { echo "empty: $f"; exit 1; }; done
grep -q '^owner: ' shared/registry.txt || { echo "the registry has no owner"; exit 1; }
echo "gate passed"
GATE
chmod +x agent.sh gate.sh
git add -A
git commit -q -m "initial"
echo "made $(pwd); run: ./slotflow run $(pwd)/git-agents.yaml"
