#!/bin/sh
# chart.sh MEDIANS OUT.svg "VARIANTS" "WHERE" ["PROGRAMS"] - grouped bar chart
# of each variant's time relative to native, per kernel plus the geometric mean.
# Rows named in PROGRAMS (bench/programs/) get italic names and, when kernels
# are there too, a geometric mean of their own beside the kernels'.
# MEDIANS has lines "kernel native v1 v2 ..." (seconds, "-" when not
# available); WHERE (machine, commit, date) is printed under the title.  The
# chart must read as a picture (an <img>, a PNG): every bar carries its value
# as vertical text inside it or just above it (never over a neighbour), and
# bars cut at the top say so.
set -u
awk -v variants="$3" -v where="${4:-}" -v programs=" ${5:-} " '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); return s }
{ name[NR] = $1; prog[NR] = index(programs, " " $1 " ") > 0; np += prog[NR]; for (i = 2; i <= NF; i++) t[NR, i] = $i; nv = NF - 2 }
END {
  n = NR; split(variants, vn, " ");
  label["w2l-guard"] = "wasm2c-lite, guard pages"; label["w2l-explicit"] = "wasm2c-lite, explicit checks";
  label["wabt-guard"] = "wabt wasm2c, guard pages"; label["wabt-explicit"] = "wabt wasm2c, explicit checks";
  for (v = 1; v <= nv; v++) if (vn[v] in label) vn[v] = label[vn[v]];
  col[1] = "#1f5fa8"; col[2] = "#8ab6e6"; col[3] = "#c0392b"; col[4] = "#f0a39a";
  ink[1] = "white"; ink[2] = "black"; ink[3] = "white"; ink[4] = "black"; # label on the bar
  # Ratios, and the geometric mean as one more group (three: all, kernels and
  # programs, when there are both).
  ymax = 1.5; split_gm = np > 0 && np < n; ng = n + (split_gm ? 3 : 1);
  for (v = 1; v <= nv; v++) { delete s; delete c;
    for (k = 1; k <= n; k++) {
      if (t[k, 2] == "-" || t[k, 2] <= 0 || t[k, v + 2] == "-") { r[k, v] = -1; continue }
      r[k, v] = t[k, v + 2] / t[k, 2]; s[0] += log(r[k, v]); c[0]++; s[1 + prog[k]] += log(r[k, v]); c[1 + prog[k]]++;
      if (r[k, v] > ymax) ymax = r[k, v];
    }
    for (g = 0; g < ng - n; g++) r[n + 1 + g, v] = c[g] ? exp(s[g] / c[g]) : -1;
  }
  name[n + 1] = "geomean";
  if (split_gm) { name[n + 2] = name[n + 3] = "geomean"; line2[n + 2] = "kernels"; line2[n + 3] = "programs" }
  cap = 5; if (ymax > cap) ymax = cap;
  ymax = int(ymax * 2 + 0.999) / 2;
  L = 56; R = 16; T = 100 + 18 * int((nv - 1) / 2) - 18; B = 48 + (split_gm ? 14 : 0); W = L + R + ng * 96; if (W < 820) W = 820; H = 460 + T - 82 + (split_gm ? 14 : 0);
  pw = W - L - R; ph = H - T - B; gw = pw / ng; bw = (gw - 14) / nv;
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n", W, H, W, H;
  printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n";
  printf "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Time relative to native gcc -O2 (lower is better)</text>\n", L;
  if (where != "") printf "<text x=\"%d\" y=\"36\" font-size=\"10\" fill=\"#444\">%s</text>\n", L, esc(where);
  for (v = 1; v <= nv; v++) { # the legend: two entries per row
    x = L + ((v - 1) % 2) * 260; y = 46 + int((v - 1) / 2) * 18;
    printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", x, y, col[v];
    printf "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", x + 16, y + 11, esc(vn[v]);
  }
  for (g = 0; g <= ymax + 1e-9; g += 0.5) {
    y = T + ph - g / ymax * ph;
    printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", L, W - R, y, y,
      (g == 1 ? "black" : "#ddd"), (g == 1 ? " stroke-dasharray=\"6,3\"" : "");
    printf "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.1f×</text>\n", L - 6, y + 4, g;
  }
  for (k = 1; k <= ng; k++) {
    gx = L + (k - 1) * gw + 7;
    if (k > n) printf "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4f4f4\"/>\n", gx - 5, T, gw - 4, ph;
    for (v = 1; v <= nv; v++) {
      x = gx + (v - 1) * bw;
      if (r[k, v] < 0) {
        printf "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %d)\">n/a</text>\n", x + bw / 2, T + ph - 4, x + bw / 2 + 3, T + ph - 4;
        continue;
      }
      val = r[k, v]; clipped = val > ymax; h = (clipped ? ymax : val) / ymax * ph;
      top = T + ph - h;
      printf "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.2f×</title></rect>\n", x, top, bw - 1, h, col[v], esc(name[k]), esc(vn[v]), val;
      if (clipped) # a white notch: the bar goes on above the chart
        printf "<path d=\"M%.1f %.1f l%.1f -4 l%.1f 4 l%.1f -4 l%.1f 4\" stroke=\"white\" stroke-width=\"2\" fill=\"none\"/>\n", x, top + 10, (bw - 1) / 4, (bw - 1) / 4, (bw - 1) / 4, (bw - 1) / 4;
      # The value, vertical (a bar is narrower than a number): inside a bar tall
      # enough to hold it, else just above it, always within its own column.
      fs = (bw - 1 >= 12 ? 10 : bw - 2); lx = x + (bw - 1) / 2 + fs * 0.35;
      lab = sprintf("%.2f%s", val, clipped ? " ▲" : "");
      if (h >= 8 + length(lab) * fs * 0.6 + (clipped ? 12 : 0))
        printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" text-anchor=\"end\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n", lx, top + (clipped ? 16 : 4), fs, ink[v], lx, top + (clipped ? 16 : 4), lab;
      else
        printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"start\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n", lx, top - 3, fs, lx, top - 3, lab;
    }
    printf "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\"%s>%s</text>\n", gx + (gw - 14) / 2, T + ph + 18, (k > n ? " font-weight=\"bold\"" : prog[k] ? " font-style=\"italic\"" : ""), esc(name[k]);
    if (line2[k] != "") printf "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n", gx + (gw - 14) / 2, T + ph + 32, line2[k];
  }
  printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, W - R, T + ph, T + ph;
  printf "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">Each bar is labelled with its ratio; bars above %.1f× are cut (notch, ▲) and keep their full value as label.</text>\n", L, H - 8, ymax;
  printf "</svg>\n";
}' "$1" >"$2"
