#!/usr/bin/env bash
# Rebuild src/accord/interfaces/web/static/vendor/ from pinned npm packages (`make vendor`).
# npm installs the exact versions below into a scratch folder; only their built files and
# licence files are copied. Same versions in, same bytes out: the tarballs are immutable on the
# registry and npm checks their integrity. The dashboard never loads anything from a CDN.
set -euo pipefail

PACKAGES=(
  "uplot@1.6.32"            # time series: canvas, 50 kB, real time axis, drag-to-zoom, cursor legend
  "cytoscape@3.35.0"        # network: canvas graph with zoom/pan, cose force layout, label culling
  "d3@7.9.0"                # map: d3-geo projections and paths, d3-zoom; also scales and axes
  "topojson-client@3.1.0"   # map: decode the Natural Earth TopoJSON
  "world-atlas@2.0.2"       # map: Natural Earth 1:110m countries as TopoJSON (public domain data)
  "axe-core@4.10.3"         # tests only: accessibility rules run in the browser tests
)

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/accord/interfaces/web/static/vendor"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

cd "$SCRATCH"
printf '{"name":"accord-vendor","private":true}\n' > package.json
npm install --no-save --ignore-scripts --no-audit --no-fund --no-package-lock --save-exact \
  --loglevel=error "${PACKAGES[@]}" >/dev/null
M="$SCRATCH/node_modules"

rm -rf "$DEST"
mkdir -p "$DEST"
copy() {  # copy <package-relative source> <destination name>
  install -m 0644 "$M/$1" "$DEST/$2"
}
copy uplot/dist/uPlot.esm.js            uPlot.esm.js
copy uplot/dist/uPlot.min.css           uPlot.min.css
copy uplot/LICENSE                      uPlot.LICENSE.txt
copy cytoscape/dist/cytoscape.esm.min.mjs cytoscape.esm.min.js
copy cytoscape/LICENSE                  cytoscape.LICENSE.txt
copy d3/dist/d3.min.js                  d3.min.js
copy d3/LICENSE                         d3.LICENSE.txt
copy topojson-client/dist/topojson-client.min.js topojson-client.min.js
copy topojson-client/LICENSE            topojson-client.LICENSE.txt
copy world-atlas/countries-110m.json    countries-110m.json
copy world-atlas/LICENSE                world-atlas.LICENSE.txt
copy axe-core/axe.min.js                axe.min.js
copy axe-core/LICENSE                   axe-core.LICENSE.txt
install -m 0644 "$ROOT/scripts/vendor-README.md" "$DEST/README.md"

# Versions actually installed must be the pinned ones.
for spec in "${PACKAGES[@]}"; do
  name="${spec%@*}"; want="${spec##*@}"
  got="$(node -p "require('$M/$name/package.json').version")"
  [ "$got" = "$want" ] || { echo "vendor: $name is $got, pinned $want" >&2; exit 1; }
done
(cd "$DEST" && sha256sum -- * > SHA256SUMS)
du -sb "$DEST" | awk '{printf "vendor: %s bytes in %s\n", $1, $2}'
