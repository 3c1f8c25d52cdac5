# Memoisation with dicts and closures; recursion depth of a few hundred.
cache = {}
def fib(n):
    if n in cache:
        return cache[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    cache[n] = r
    return r
print(fib(90), len(cache))

def memoize(f):
    memo = {}
    def wrapper(*args):
        if args not in memo:
            memo[args] = f(*args)
        return memo[args]
    return wrapper

@memoize
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)

print(paths(16, 16), paths(3, 3))

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))

def count_change(amount, coins):
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]
print(count_change(100, [1, 5, 10, 25, 50]))
