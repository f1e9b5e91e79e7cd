"""Build gold JSONL from a compact annotation file.
File format:
  doc NAME
  src PATH
  passage START END  status=actual period=2025
  ctx|text|value|unit|measure|indicator|extras
measure: L G S R P ; extras: of=.. q=ge st=target p=2030 k o vh=5.5 n=2 (n-th occurrence of ctx in passage, 1-based)
"""
import json, re, sys
M = {"L": "level", "G": "growth", "S": "share", "R": "rank", "P": "pp_change"}
def num(t):
    m = re.match(r"-?\d+(?:\.\d+)?", t.replace(" ", ""))
    return float(m.group(0))
BAD=[]
def build(path):
    out = []; doc = src = None; text = None; pa = None; defaults = {}
    seen = set()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"): continue
        if line.startswith("doc "): doc = line[4:].strip(); continue
        if line.startswith("src "):
            src = line[4:].strip(); text = open(src, encoding="utf-8").read(); continue
        if line.startswith("passage "):
            f = line.split()
            pa = (int(f[1]), int(f[2])); defaults = dict(x.split("=") for x in f[3:])
            out.append({"doc": doc, "annotated": [pa[0], pa[1]]}); continue
        f = line.split("|")
        assert len(f) >= 6, (ln, line)
        ctx, t, val, unit, meas, ind = f[:6]
        ex = f[6].split() if len(f) > 6 else []
        exd = {}; flags = set()
        for e in ex:
            if "=" in e: k, v = e.split("=", 1); exd[k] = v
            else: flags.add(e)
        if not ctx: ctx = t
        P = text[pa[0]:pa[1]]
        n = int(exd.get("n", 1))
        cnt = P.count(ctx)
        if "n" not in exd and cnt != 1:
            print(f"{path}:{ln}: ctx {ctx!r} occurs {cnt} times"); BAD.append(ln); continue
        i = -1
        for _ in range(n):
            i = P.index(ctx, i + 1)
        j = ctx.index(t)
        s = pa[0] + i + j; e = s + len(t)
        assert text[s:e] == t
        if (s, e) in seen: sys.exit(f"{path}:{ln}: duplicate span {t}")
        seen.add((s, e))
        v = float(val) if val else num(t)
        if unit == "" and meas != "R":
            u = re.sub(r"^\s*-?\d+(?:\.\d+)?\s*", "", t)
        else:
            u = unit
        if u == "-": u = ""
        rec = {"doc": doc, "start": s, "end": e, "text": t, "value": v, "unit": "rank" if meas == "R" else u,
               "measure": M[meas], "of": exd.get("of", ""), "status": exd.get("st", defaults.get("status")),
               "period": int(exd.get("p", defaults.get("period"))), "qualifier": exd.get("q", "eq"),
               "value_high": float(exd["vh"]) if "vh" in exd else None, "indicator": ind,
               "key": "k" in flags, "optional": "o" in flags}
        out.append(rec)
    return out
if __name__ == "__main__":
    rows = build(sys.argv[1])
    if BAD: sys.exit(1)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len([r for r in rows if "start" in r]), "figures")
