#!/usr/bin/env bash
# Make sure Debian's Chromium and the fonts are installed: Noto CJK for the screen (browser tests), BIZ UD
# Gothic for the PDF (TrueType with a real bold: Chromium embeds it as CID fonts, Noto CJK as Type 3).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# (read fc-list once: `fc-list | grep -q` under pipefail fails when grep stops reading early)
fonts=$(fc-list 2>/dev/null || true)
grep -q "Noto Sans CJK" <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -q "BIZ UDPGothic" <<<"$fonts" || missing+=(fonts-morisawa-bizud-gothic)
grep -q "DejaVu Sans Mono" <<<"$fonts" || missing+=(fonts-dejavu-core)  # narrow symbols of the code font
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  exit 0
fi
echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
exit 1
