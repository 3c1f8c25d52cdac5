# Generators: yield, yield from, generator expressions, laziness.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count_up(5)), sum(count_up(10)))
g = count_up(3)
print(next(g), next(g), next(g), next(g, "done"))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for x in fib():
    if x > 100:
        break
    out.append(x)
print(out)

def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], "ab", range(2))))
squares = (x * x for x in range(5))
print(next(squares), list(squares))
evens = (n for n in fib() if n % 2 == 0)
print([next(evens) for _ in range(6)])
def noisy(n):
    for i in range(n):
        print("producing", i)
        yield i
for v in noisy(3):
    print("consumed", v)
print(any(x > 2 for x in noisy(10)))
def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")
w = with_finally()
print(next(w))
pairs = ((i, j) for i in range(3) for j in range(i))
print(list(pairs), dict((k, k * 2) for k in "ab"))
def gen_raises():
    yield 1
    raise ValueError("inside generator")
try:
    for v in gen_raises():
        print("got", v)
except ValueError as e:
    print("ValueError:", e)
print("end")
