# Generator pipelines: lazy stages, infinite sources, early exit.
def numbers():
    n = 1
    while True:
        yield n
        n += 1

def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x

def evens(it):
    return (x for x in it if x % 2 == 0)

def squares(it):
    for x in it:
        yield x * x

print(list(take(5, squares(evens(numbers())))))

def primes():
    found = []
    for n in numbers():
        if n < 2:
            continue
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n

print(list(take(15, primes())))

def windows(seq, k):
    for i in range(len(seq) - k + 1):
        yield seq[i:i + k]

print(list(windows([1, 2, 3, 4, 5], 3)), [sum(w) for w in windows(list(range(10)), 4)])

def read_records(lines):
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, qty, price = line.split(",")
        yield name, int(qty), int(price)

data = """
# name,qty,price
apple,3,40
pear,0,55

kiwi,12,20
"""
records = list(read_records(data.splitlines()))
print(records)
print(sum(q * p for _, q, p in records), max(records, key=lambda r: r[1] * r[2])[0])
gen = squares(range(3))
print(list(gen), list(gen))
