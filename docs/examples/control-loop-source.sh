#!/bin/sh
# The work source of control-loop.yaml: it finds refactoring work, the way a selector in an agent
# loop would, and like a real one it sometimes prints the wrong thing. Slotflow runs it (in this
# directory) when the refactor category has share to spare and no ready work, with
# SLOTFLOW_SOURCE_RUN = 1, 2, 3, … Every malformed output below is rejected (journaled as
# source-rejected, shown in the live view and in `slotflow status`) and nothing of it runs; the
# source runs again after its backoff. Items follow docs/schemas/work-item-v1.json.
case "$SLOTFLOW_SOURCE_RUN" in
  1) # the old shape: a bare list, no version
     echo '[{"id": "refactor-old-shape", "command": "sleep 0.5"}]' ;;
  2) # two items: they become specs of the live run
     echo '{"version": 1, "items": ['
     echo '  {"id": "refactor-found-1", "command": "sleep 0.5", "estimate": "500ms", "writes": ["src/refactor-found-1"]},'
     echo '  {"id": "refactor-found-2", "command": "sleep 0.5", "estimate": "500ms", "writes": ["src/refactor-found-2"]}'
     echo ']}' ;;
  3) # not JSON at all
     echo 'found 2 more things to refactor' ;;
  4) # a newer version of the schema than the engine reads
     echo '{"version": 2, "items": [{"id": "refactor-v2", "command": "sleep 0.5"}]}' ;;
  5) # an item without its command
     echo '{"version": 1, "items": [{"id": "refactor-no-command", "estimate": "500ms"}]}' ;;
  *) # nothing more to do: the source is drained
     echo '{"version": 1, "items": []}' ;;
esac
