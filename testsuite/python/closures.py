# Closures, nonlocal, global, lambda.
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

c = counter()
print(c(), c(), c())
c2 = counter()
print(c2(), c())

total = 0
def add(x):
    global total
    total += x

add(5)
add(7)
print(total)

def make_adder(k):
    return lambda x: x + k

add3 = make_adder(3)
print(add3(4), (lambda a, b=2: a * b)(5))
print(list(map(lambda x: x * x, [1, 2, 3])), list(filter(lambda x: x % 2, range(10))))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()

print(outer())
