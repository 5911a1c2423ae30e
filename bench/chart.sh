#!/bin/sh
# chart.sh MEDIANS OUT.svg "VARIANTS" - grouped bar chart of each variant's time
# relative to native, per kernel plus the geometric mean.  MEDIANS has lines
# "kernel native v1 v2 ..." (seconds, "-" when not available).
set -u
awk -v variants="$3" '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); return s }
{ name[NR] = $1; for (i = 2; i <= NF; i++) t[NR, i] = $i; nv = NF - 2 }
END {
  n = NR; split(variants, vn, " ");
  label["w2l-guard"] = "wasm2c-lite, guard pages"; label["w2l-explicit"] = "wasm2c-lite, explicit checks";
  label["wabt-guard"] = "wabt wasm2c, guard pages"; label["wabt-explicit"] = "wabt wasm2c, explicit checks";
  for (v = 1; v <= nv; v++) if (vn[v] in label) vn[v] = label[vn[v]];
  col[1] = "#1f5fa8"; col[2] = "#8ab6e6"; col[3] = "#c0392b"; col[4] = "#f0a39a";
  # Ratios, and the geometric mean as one more group.
  ymax = 1.5;
  for (v = 1; v <= nv; v++) { s = 0; c = 0;
    for (k = 1; k <= n; k++) {
      if (t[k, 2] == "-" || t[k, 2] <= 0 || t[k, v + 2] == "-") { r[k, v] = -1; continue }
      r[k, v] = t[k, v + 2] / t[k, 2]; s += log(r[k, v]); c++;
      if (r[k, v] > ymax) ymax = r[k, v];
    }
    r[n + 1, v] = c ? exp(s / c) : -1;
  }
  name[n + 1] = "geomean";
  cap = 5; if (ymax > cap) ymax = cap;
  ymax = int(ymax * 2 + 0.999) / 2;
  L = 56; R = 16; T = 56; B = 48; W = L + R + (n + 1) * 96; if (W < 820) W = 820; H = 440;
  pw = W - L - R; ph = H - T - B; gw = pw / (n + 1); bw = (gw - 14) / nv;
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n", W, H, W, H;
  printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n";
  printf "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Time relative to native gcc -O2 (lower is better)</text>\n", L;
  for (v = 1; v <= nv; v++) {
    x = L + (v - 1) * 220;
    printf "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, col[v];
    printf "<text x=\"%d\" y=\"43\" font-size=\"12\">%s</text>\n", x + 16, esc(vn[v]);
  }
  for (g = 0; g <= ymax + 1e-9; g += 0.5) {
    y = T + ph - g / ymax * ph;
    printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", L, W - R, y, y,
      (g == 1 ? "black" : "#ddd"), (g == 1 ? " stroke-dasharray=\"6,3\"" : "");
    printf "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.1f×</text>\n", L - 6, y + 4, g;
  }
  for (k = 1; k <= n + 1; k++) {
    gx = L + (k - 1) * gw + 7;
    if (k == n + 1) printf "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4f4f4\"/>\n", gx - 5, T, gw - 4, ph;
    for (v = 1; v <= nv; v++) {
      x = gx + (v - 1) * bw;
      if (r[k, v] < 0) {
        printf "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %d)\">n/a</text>\n", x + bw / 2, T + ph - 4, x + bw / 2 + 3, T + ph - 4;
        continue;
      }
      val = r[k, v]; h = (val > ymax ? ymax : val) / ymax * ph;
      printf "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.2f×</title></rect>\n", x, T + ph - h, bw - 1, h, col[v], esc(name[k]), esc(vn[v]), val;
      printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" text-anchor=\"middle\">%.2f</text>\n", x + bw / 2, T + ph - h - 3, val;
    }
    printf "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\"%s>%s</text>\n", gx + (gw - 14) / 2, T + ph + 18, (k == n + 1 ? " font-weight=\"bold\"" : ""), esc(name[k]);
  }
  printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, W - R, T + ph, T + ph;
  printf "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">Bars above %.1f× are clipped; hover a bar for its value.</text>\n", L, H - 8, ymax;
  printf "</svg>\n";
}' "$1" >"$2"
