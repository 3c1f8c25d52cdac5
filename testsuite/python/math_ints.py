# The integer functions of math.
import math
print(math.gcd(84, 36), math.gcd(-12, 18), math.gcd(0, 5), math.gcd(), math.gcd(12, 18, 27))
print(math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(0, 3))
print(math.factorial(0), math.factorial(10), math.factorial(30))
print([math.isqrt(n) for n in [0, 1, 15, 16, 17, 99, 100, 10 ** 20, 2 ** 100]])
print(math.comb(5, 2), math.comb(52, 5), math.comb(3, 5), math.perm(5, 2), math.perm(5), math.comb(100, 50))
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.isqrt(-4)
except ValueError as e:
    print("ValueError:", e)
def is_square(n):
    r = math.isqrt(n)
    return r * r == n
print([n for n in range(50) if is_square(n)])
