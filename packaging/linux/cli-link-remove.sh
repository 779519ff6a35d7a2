# Latchkey: remove /usr/bin/latchkey if it is our link (added to the package's pre-remove
# script by packaging/build.sh). An rpm upgrade runs the new package's %post before the old
# one's %preun, with $1 = 1: keep the link then. A deb upgrade re-creates it in postinst.
if [ "$package_type" != rpm ] || [ "$1" -eq 0 ]; then
  if [ -L /usr/bin/latchkey ] && [ "$(readlink /usr/bin/latchkey)" = "@CLI_LAUNCHER@" ]; then
    rm -f /usr/bin/latchkey
  fi
fi
