# Latchkey: put the CLI on PATH as /usr/bin/latchkey (added to the package's post-install
# script by packaging/build.sh). Never replace a real file someone else put there.
if [ -e /usr/bin/latchkey ] && [ ! -L /usr/bin/latchkey ]; then
  echo "latchkey: /usr/bin/latchkey exists and is not a link; leaving it. The CLI is @CLI_LAUNCHER@" >&2
else
  ln -sfn @CLI_LAUNCHER@ /usr/bin/latchkey
fi
