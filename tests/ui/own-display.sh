#!/bin/sh
# own-display.sh PROGRAM [ARGS…] — runs a window test that sends real X
# events (xdotool) on an Xvfb of its own: tests run two at a time, and one
# beside it on the shared display would take the keyboard focus from it.
set -u
dir=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
  [ -s "$dir/display" ] && break
  sleep 0.1
done
if [ ! -s "$dir/display" ]; then
  cat "$dir/xvfb.log" >&2
  echo "own-display.sh: Xvfb did not start" >&2
  exit 1
fi
DISPLAY=:$(cat "$dir/display")
export DISPLAY
"$@"
