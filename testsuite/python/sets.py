# Sets: displays, comprehensions, methods, operators, CPython's order.
s = {3, 1, 2}
print(s, len(s), 2 in s, 5 in s, set(), {10, 20, 30, 40, 50, 60})
s.add(100)
s.add(17)
s.add(-5)
print(s)
s.discard(2)
s.remove(100)
print(s, sorted(s))
try:
    s.remove(999)
except KeyError as e:
    print("KeyError", e)
a = set(range(10))
b = {x * x for x in range(10)}
print(a, b)
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([20, 21]), a.intersection({1, 2, 99}), a.difference(range(5)), {1, 2} <= a, {1, 2} < {1, 2}, a >= {0})
print({1, 2}.isdisjoint({3}), {1, 2}.issubset([1, 2, 3]), set("hello") == set("olleh"), len(set("mississippi")))
words = ["b", "a", "b", "c", "a"]
print(sorted(set(words)), len(set(words)))
seen = set()
out = []
for x in [5, 3, 5, 1, 3, 9, 1]:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out, seen)
p = {1, 2, 3}
print(p.pop(), p.pop(), p)
print({(1, 2), (3, 4), (1, 2)}, {-1, -2, 5}, hash((1, 2)), hash(-1), hash(2 ** 61), hash(2 ** 70))
big = set()
for i in range(0, 300, 7):
    big.add(i * 31 % 101)
print(big)
for i in range(0, 300, 14):
    big.discard(i * 31 % 101)
print(big, len(big))
print({True, 1, 0, False}, {None} == {None}, set([1, 1, 2]), list({4: 0, 2: 0}), set({4: 0, 2: 0}))
