#!/usr/bin/env bash
# Debian packages storylens uses when present. WordNet (wordnet-base) lets the quotes stage match
# translated and paraphrased quotes ("rebuild every house" / "reconstruct each home"); without
# it the stage still runs and matches by wording alone. Installed only where we are root with
# apt-get (CI, fresh project machines); elsewhere this prints how to add it.
set -u
if [ -f /usr/share/wordnet/index.noun ] || [ -n "${STORYLENS_WORDNET:-}" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's wordnet-base (quote matching across translations)"
    (apt-get install -y -qq wordnet-base >/dev/null 2>&1 ||
        (apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null)) ||
        echo "could not install wordnet-base; quotes will be matched by wording alone"
else
    echo "note: 'sudo apt-get install wordnet-base' lets storylens match translated quotes"
fi
exit 0
