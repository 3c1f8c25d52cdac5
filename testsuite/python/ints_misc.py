# Integer built-ins and edge cases.
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(pow(2, 62), 2 ** 62 - 1 + 2 ** 62, -2 ** 2, (-2) ** 2)
print(int("-0"), int("+15"), int("1_000"), abs(-0), 0 == -0)
print(max([1, 5, 3], key=lambda v: -v), min("bca"), max("a", "b"), sum([], 10))
print(10 // 3 * 3 + 10 % 3, -10 // 3 * 3 + -10 % 3)
print(hex(0), bin(0), oct(-8), 0x1F, 0o17, 0b101, 1_000_000)
x = 5
x += 3
x -= 1
x *= 4
x //= 3
x %= 5
x **= 3
x <<= 2
x >>= 1
x |= 1
x &= 0xFF
x ^= 0b1010
print(x)
print(True * 3, -True, ~True, bool(-1), int(False))
big = 1
for i in range(1, 21):
    big *= i
print(big, big // 1000000007, big % 1000000007)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(sorted([5, -3, 0, 12, -7], key=abs), list(map(abs, [-1, 2, -3])))
