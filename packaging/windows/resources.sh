# shellcheck shell=bash disable=SC2034,SC2154  # sourced by build.sh, which sets and reads these variables
# Windows part of packaging/build.sh (sourced; uses its variables). Adds to $resources:
#   main.wxs: jpackage's own WiX source, taken from the JDK that builds, with
#     path-component.wxs added to the product and its feature, so the .msi puts
#     <install dir>\cli on the user's PATH and takes it off again on uninstall.
#     Nothing of the JDK's is copied into this repository.
# jpackage turns WiX 3 sources into WiX 4/5 ones itself when it finds the newer WiX.

"$jdk_bin/jimage" extract --dir "$tmp/jdk-wix" \
  --include 'regex:.*/jdk/jpackage/internal/resources/main\.wxs' "$JAVA_HOME/lib/modules"
main_wxs=$(find "$tmp/jdk-wix" -name main.wxs | head -1)
[ -n "$main_wxs" ] || die "this JDK's jpackage has no main.wxs; packaging/windows/resources.sh needs updating"
grep -q '<ComponentGroupRef Id="Files"/>' "$main_wxs" && grep -q '</Product>' "$main_wxs" ||
  die "jpackage's main.wxs changed shape (no Files component group or </Product>); packaging/windows/resources.sh needs updating"

awk -v component=packaging/windows/path-component.wxs '
  /<ComponentGroupRef Id="Files"\/>/ { print; print "      <ComponentRef Id=\"LatchkeyCliOnPath\"/>"; next }
  /<\/Product>/ { while ((getline line < component) > 0) print line; close(component) }
  { print }' "$main_wxs" | tr -d '\r' >"$resources/main.wxs"
