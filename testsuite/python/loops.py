# for/while with else, break and continue.
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i, end=" ")
print()
for i in range(3):
    pass
else:
    print("for-else ran", i)
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
n = 0
while n < 5:
    n += 1
else:
    print("while-else ran", n)
while True:
    n -= 1
    if n == 2:
        break
print(n)
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
print([i for i in range(20) if i % 3 == 0 if i % 2 == 0])
print(list(range(10, 0, -3)), list(range(-5)), len(range(0, 100, 7)), 14 in range(0, 100, 7))
for i, ch in enumerate("xyz", 1):
    print(i, ch)
for a, b in zip([1, 2, 3], "ab"):
    print(a, b)
print(list(reversed([1, 2, 3])), any([0, 0, 1]), all([1, 1, 0]), any([]), all([]))
