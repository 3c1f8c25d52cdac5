# Dicts: insertion order, methods, iteration.
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 11
print(d, len(d), d["two"], "two" in d, "four" in d)
print(d.get("four"), d.get("four", 0), d.get("one"))
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
del d["two"]
print(d, d.pop("three"), d)
d.setdefault("x", []).append(1)
d.setdefault("x", []).append(2)
print(d)
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
e = dict(a=1, b=2)
e.update({"c": 3})
print(e, dict([("k", "v")]), {1: "int", (1, 2): "tuple"})
print({} == {}, {"a": 1} == {"a": 1}, d.copy())
try:
    print(d["missing"])
except KeyError as err:
    print("KeyError", err)
