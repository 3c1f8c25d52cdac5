# Integer arithmetic with Python's floor division and modulo.
for a in [7, -7, 0, 13, -13]:
    for b in [2, -2, 3, -3, 5]:
        print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b))
print(2 ** 10, 2 ** 0, (-3) ** 3, pow(3, 4), pow(3, 4, 5), pow(-3, 3, 7))
print(abs(-5), abs(5), -(-5), +5, ~5, ~-1)
print(5 & 3, 5 | 3, 5 ^ 3, -5 & 3, -5 | 3, -5 ^ 3, 1 << 10, 1024 >> 3, -17 >> 2)
print(10 == 10, 10 != 10, 3 < 4, 4 <= 4, 5 > 6, 6 >= 7)
x = 9223372036854775807
print(x, -x, x // 2, x % 1000)
print(int("42") + 1, int("-17"), int("  8  "), int(True), int(7))
print(hex(255), hex(-255), oct(8), bin(10), bin(-5))
print(max(3, 9, 2), min(3, 9, 2), sum([1, 2, 3]), sum(range(101)))
print(1 < 2 < 3, 3 < 2 < 1, 1 < 3 > 2)
print(round(7), hash(12), True + True, 10 * False)
