# while loops, digits and number formatting.
n = 1234567
digits = []
while n > 0:
    digits.append(n % 10)
    n //= 10
print(digits, sum(digits))

def to_base(n, b):
    if n == 0:
        return "0"
    s = ""
    neg = n < 0
    n = abs(n)
    while n:
        s = "0123456789abcdef"[n % b] + s
        n //= b
    return "-" + s if neg else s

print([to_base(255, b) for b in (2, 8, 10, 16)], to_base(-42, 2), to_base(0, 7))

def roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out

print([roman(n) for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]])
x = 27
steps = 0
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    steps += 1
else:
    print("reached 1 after", steps, "steps")
