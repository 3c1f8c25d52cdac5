# Tuples and unpacking.
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], (1,), ())
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x, (y, z) = 1, (2, 3)
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
print(t + (4, 5), t * 2, t == (1, 2, 3), t < (1, 2, 4), 2 in t)
print(t.index(2), t.count(3), tuple([1, 2]), tuple("ab"))
d = {(0, 0): "origin"}
print(d[(0, 0)], hash((1, 2)) == hash((1, 2)))
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
