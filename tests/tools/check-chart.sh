#!/bin/sh
# check-chart.sh SVG - check a bench/chart.sh chart as a reader of the picture
# would see it: no text overlaps another text or a bar other than its own
# (sizes estimated: 0.6 em per character), every text lies inside the image,
# the chart names where it was measured ("commit"), and nothing asks for a
# mouse ("hover").  Prints each problem; status 1 if there is any.
awk '
function attr(s, name) { # a number, or a string for anchors
  if (match(s, " " name "=\"[^\"]*\"")) return substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
  return ""
}
function num(s, name) { return attr(s, name) + 0 }
function content(s) { sub(/^[^>]*>/, "", s); sub(/<\/text>.*/, "", s); return s }
/<svg / { W = num($0, "width"); H = num($0, "height") }
/hover/ { print "asks the reader to hover"; bad = 1 }
/<rect / && /<title>/ {
  nb++; bx0[nb] = num($0, "x"); by0[nb] = num($0, "y")
  bx1[nb] = bx0[nb] + num($0, "width"); by1[nb] = by0[nb] + num($0, "height")
}
/<text / {
  t = substr($0, index($0, "<text "))
  nt++; s = content(t); txt[nt] = s; fs = num(t, "font-size"); x = num(t, "x"); y = num(t, "y")
  gsub(/&[a-z]+;/, "&", s); gsub(/\342\226\262|\303\227/, "x", s) # entities, ▲ and × as one character
  w = length(s) * 0.6 * fs; a = attr(t, "text-anchor")
  if (index(t, "rotate(-90")) { # vertical, reading upwards: x spans the glyph height
    tx0[nt] = x - 0.75 * fs; tx1[nt] = x + 0.25 * fs
    if (a == "end") { ty0[nt] = y; ty1[nt] = y + w } else { ty0[nt] = y - w; ty1[nt] = y }
  } else {
    if (a == "end") { tx0[nt] = x - w; tx1[nt] = x } else if (a == "middle") { tx0[nt] = x - w / 2; tx1[nt] = x + w / 2 }
    else { tx0[nt] = x; tx1[nt] = x + w }
    ty0[nt] = y - 0.8 * fs; ty1[nt] = y + 0.2 * fs
  }
  if (txt[nt] ~ /commit/) where = 1
}
function overlap(a0, a1, b0, b1, c0, c1, d0, d1) { return a0 < b1 - 0.5 && b0 < a1 - 0.5 && c0 < d1 - 0.5 && d0 < c1 - 0.5 }
END {
  if (!where) { print "no line says where it was measured (commit)"; bad = 1 }
  for (i = 1; i <= nt; i++) {
    if (tx0[i] < 0 || ty0[i] < 0 || tx1[i] > W || ty1[i] > H) { printf "text \"%s\" leaves the image\n", txt[i]; bad = 1 }
    for (j = i + 1; j <= nt; j++)
      if (overlap(tx0[i], tx1[i], tx0[j], tx1[j], ty0[i], ty1[i], ty0[j], ty1[j])) {
        printf "texts \"%s\" and \"%s\" overlap\n", txt[i], txt[j]; bad = 1
      }
    cx = (tx0[i] + tx1[i]) / 2
    for (k = 1; k <= nb; k++) {
      if (cx >= bx0[k] && cx <= bx1[k]) continue # its own bar (or a label over its own column)
      if (overlap(tx0[i], tx1[i], bx0[k], bx1[k], ty0[i], ty1[i], by0[k], by1[k])) {
        printf "text \"%s\" overlaps the bar at x=%s\n", txt[i], bx0[k]; bad = 1
      }
    }
  }
  exit bad
}' "$1"
