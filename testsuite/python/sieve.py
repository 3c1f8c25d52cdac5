# Sieve of Eratosthenes and some number theory.
def primes(n):
    sieve = [True] * (n + 1)
    sieve[0] = sieve[1] = False
    i = 2
    while i * i <= n:
        if sieve[i]:
            for j in range(i * i, n + 1, i):
                sieve[j] = False
        i += 1
    return [k for k in range(n + 1) if sieve[k]]

ps = primes(100)
print(ps, len(ps), sum(ps))

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

print(gcd(84, 36), gcd(17, 5), [gcd(x, 12) for x in range(1, 13)])
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in range(1, 20)], max(range(1, 1000), key=collatz))
