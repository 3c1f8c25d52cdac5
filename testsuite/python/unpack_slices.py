# Starred targets, slice assignment and deletion, del, lazy any/all.
a, *b = [1, 2, 3, 4]
*c, d = "xyz"
e, *f, g = range(5)
print(a, b, c, d, e, f, g)
x = [0, 1, 2, 3, 4, 5, 6, 7]
x[2:4] = ["a", "b", "c"]
print(x)
x[::2] = [9, 9, 9, 9, 9]
print(x)
del x[1:3]
print(x)
del x[::2]
print(x)
x[:] = []
print(x)
class P: pass
p = P()
p.v = 1
del p.v
print(hasattr(p, "v"))
y = 5
del y
def side(v):
    print("check", v)
    return v > 2
print(any(side(v) for v in [1, 3, 5]), all(side(v) for v in [3, 1, 5]), any(v for v in []), all(v for v in []))
print(any(c.isdigit() for c in "ab3"), all(n % 2 == 0 for n in range(0, 10, 2)))
