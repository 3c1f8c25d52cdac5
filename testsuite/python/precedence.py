# Operator precedence, chained conditionals, identity of small ints.
print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2, 2 * 3 + 4 * 5, 2 + 3 * 4 ** 2, 7 - 3 - 2, 100 // 10 // 3)
print(not 1 == 2, not (1 == 2), 1 + 2 == 3 and 4 > 3, 1 or 2 and 3, (1 or 2) and 3)
print(1 | 2 ^ 3 & 4, 1 << 2 + 1, -5 % 3 * 2, ~0 + 1, 3 & 5 == 1)
x = 5
print("big" if x > 10 else "mid" if x > 3 else "small", x if x else -1)
a = 256
b = 256
c = 300
d = 301 - 1
print(a is b, a == b, c == d, True is True, None is None)
print(1 < 2 == 2 < 3, 1 < 3 < 2, "a" < "b" < "c", [1] < [1, 0])
print(10 - -3, - - 4, +-+1, not not 0)
print(7 // 2 * 2 + 7 % 2, divmod(7, 2)[0] * 2 + divmod(7, 2)[1])
print(isinstance(True, int), isinstance(1, bool), type(True).__name__, True + 1 == 2)
