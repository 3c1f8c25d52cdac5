# The iterator protocol: iter, next, StopIteration, custom iterables.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")

class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(5)), sum(Countdown(4)), max(Countdown(3)), sorted(Countdown(3)))
c = Countdown(3)
for x in c:
    print("got", x)
print(list(c))

class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i

print(list(Squares()), 9 in Squares(), 10 in Squares())
d = {"a": 1, "b": 2}
keys = iter(d)
print(next(keys), list(keys), list(iter("xyz")), list(iter(range(3))))
e = enumerate(["p", "q"])
print(next(e), next(e), next(e, None))
z = zip(range(3), range(10, 13))
print(next(z), list(z))
m = map(str, [1, 2])
print(next(m), list(m), list(m))
