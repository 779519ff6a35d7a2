# shellcheck shell=bash disable=SC2034,SC2154  # sourced by build.sh, which sets and reads these variables
# Linux part of packaging/build.sh (sourced; uses its variables). Adds to $resources:
#   postinst / prerm (deb) and latchkey.spec (rpm): jpackage's own templates, taken from the
#     JDK that builds, with cli-link-install.sh / cli-link-remove.sh added where the desktop
#     entry is installed / removed. Nothing of the JDK's is copied into this repository, and
#     the templates stay the ones this jpackage fills in.
# and sets os_args (the package category and dependencies, which differ between deb and rpm).

install_dir=/opt/latchkey            # jpackage's default for --linux-package-name latchkey
# The start scripts packaging/build.sh writes beside jpackage's launchers (start-scripts.sh):
# /usr/bin/latchkey links to the CLI's, the desktop entry starts the app's.
cli_launcher=$install_dir/bin/latchkey
app_command=$install_dir/bin/latchkey-app

jdk_template() { # jdk_template <name>: print one of jpackage's resource templates
  local out="$tmp/jdk-templates"
  [ -d "$out" ] || "$jdk_bin/jimage" extract --dir "$out" \
    --include 'regex:.*/jdk/jpackage/internal/resources/template\..*' "$JAVA_HOME/lib/modules"
  local file
  file=$(find "$out" -name "template.$1" | head -1)
  [ -n "$file" ] || die "this JDK's jpackage has no template.$1; packaging/linux/resources.sh needs updating"
  cat "$file"
}

# with_snippet <template text> <marker line> <snippet file> <output>: the snippet goes in
# right after the marker (a jpackage placeholder on a line of its own, the desktop entry's
# install or uninstall commands). Those commands run in a subshell whose failure only warns:
# xdg-desktop-menu fails where there is no desktop menu (a server, WSL, a container), and
# that must neither stop the CLI from installing nor make the package impossible to remove.
with_snippet() {
  local marker=$2
  grep -qx "$marker" <<<"$1" || die "jpackage's template has no line '$marker'; packaging/linux/resources.sh needs updating"
  fill "$3" "$tmp/snippet"
  awk -v marker="$marker" -v snippet="$tmp/snippet" '
    $0 != marker { print; next }
    {
      print "if ! ( :"
      print
      print "); then"
      print "  echo \"latchkey: could not update the desktop menu (none on this system?); carrying on\" >&2"
      print "fi"
      while ((getline line < snippet) > 0) print line
      close(snippet)
    }' <<<"$1" >"$4"
}

# The desktop entry: jpackage's own template, its command the app's start script (jpackage takes
# a resource named after the launcher in place of its template, and fills in the rest).
jdk_template desktop | sed "s|^Exec=APPLICATION_LAUNCHER\$|Exec=$app_command|" >"$resources/Latchkey.desktop"
grep -qx "Exec=$app_command" "$resources/Latchkey.desktop" ||
  die "jpackage's desktop template has no line 'Exec=APPLICATION_LAUNCHER'; packaging/linux/resources.sh needs updating"

case "$type" in
  deb)
    with_snippet "$(jdk_template postinst)" DESKTOP_COMMANDS_INSTALL packaging/linux/cli-link-install.sh "$resources/postinst"
    with_snippet "$(jdk_template prerm)" DESKTOP_COMMANDS_UNINSTALL packaging/linux/cli-link-remove.sh "$resources/prerm"
    # Debian section; GTK 3 for JavaFX's windows (jpackage adds what the runtime's own
    # libraries need). Debian 13 / Ubuntu 24.04 renamed the package to libgtk-3-0t64.
    # libsecret: how Latchkey reaches the Secret Service (docs/keychains.md).
    os_args+=(--linux-app-category devel --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libsecret-1-0")
    ;;
  rpm)
    spec=$(jdk_template spec)
    with_snippet "$spec" DESKTOP_COMMANDS_INSTALL packaging/linux/cli-link-install.sh "$tmp/spec1"
    with_snippet "$(cat "$tmp/spec1")" DESKTOP_COMMANDS_UNINSTALL packaging/linux/cli-link-remove.sh "$resources/latchkey.spec"
    os_args+=(--linux-app-category Development/Tools --linux-package-deps "gtk3, libsecret")
    ;;
esac
