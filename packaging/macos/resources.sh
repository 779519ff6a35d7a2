# shellcheck shell=bash disable=SC2034,SC2154  # sourced by build.sh, which sets and reads these variables
# macOS part of packaging/build.sh (sourced; uses its variables).
# Unsigned by default (fine for trying it on your own Mac). With a Developer ID:
#   LATCHKEY_MAC_SIGNING_IDENTITY="Developer ID Application: Example Ltd (TEAMID)" \
#     packaging/build.sh dmg
# signs the app, both launchers and the runtime with the hardened runtime and
# latchkey.entitlements; notarise the .dmg afterwards (docs/install.md).
# Signing happens in the installer step, on the finished app image: build.sh edits the
# launchers' .cfg files after the app-image step, which would break an earlier signature.

if [ -n "${LATCHKEY_MAC_SIGNING_IDENTITY:-}" ]; then
  os_args+=(--mac-sign --mac-app-image-sign-identity "$LATCHKEY_MAC_SIGNING_IDENTITY"
            --mac-entitlements packaging/macos/latchkey.entitlements)
  [ -z "${LATCHKEY_MAC_KEYCHAIN:-}" ] || os_args+=(--mac-signing-keychain "$LATCHKEY_MAC_KEYCHAIN")
else
  echo "note: unsigned .dmg (set LATCHKEY_MAC_SIGNING_IDENTITY to sign; see docs/install.md)"
fi
