#!/bin/sh
# Takes the app's screenshots (each screen, light and dark) under Xvfb into docs/screenshots/.
# Needs JDK 25, Maven, xvfb-run, dbus-run-session, gnome-keyring, ImageMagick's `import`, and the
# broker jar for the demo (mvn -B -q -DskipTests package builds it). The session is kept in a
# throwaway gnome-keyring, as on a desktop with a keychain. Run from anywhere:
#   app/screenshots.sh
# CI does not run it; the shots are kept in the repository.
set -eu
cd "$(dirname "$0")/.."
command -v import >/dev/null || { echo "screenshots.sh: ImageMagick's 'import' is missing (Debian: apt-get install imagemagick)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (Debian: apt-get install xvfb)" >&2; exit 2; }
command -v dbus-run-session >/dev/null || { echo "screenshots.sh: dbus-run-session is missing (Debian: apt-get install dbus)" >&2; exit 2; }
command -v gnome-keyring-daemon >/dev/null || { echo "screenshots.sh: gnome-keyring is missing (Debian: apt-get install gnome-keyring)" >&2; exit 2; }
mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/screenshots-classpath.txt -Dmdep.includeScope=test
cp="app/target/test-classes:app/target/classes:$(cat app/target/screenshots-classpath.txt)"
for theme in light dark; do
  # A fresh X server and keyring per theme: the shot is the whole screen, 1280x800, the window fills it.
  dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' bash .ci/with-keyring \
    java --enable-native-access=ALL-UNNAMED -Dlatchkey.demo.broker=broker/target/latchkey-broker.jar -cp "$cp" dev.latchkey.app.ScreenshotTour "$theme" docs/screenshots
done
