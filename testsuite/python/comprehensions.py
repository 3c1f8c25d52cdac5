# List and dict comprehensions, generator arguments.
squares = [x * x for x in range(10)]
print(squares)
print([(x, y) for x in range(3) for y in range(x)])
print({w: len(w) for w in ["a", "bb", "ccc"]})
print({k: v for k, v in [("x", 1), ("y", 2)] if v > 1})
print(sum(x for x in range(5)), max(len(w) for w in ["aa", "b"]), sorted(x % 3 for x in range(6)))
print(" ".join(str(i) for i in range(4)), list(x for x in "ab"))
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix, [row[1] for row in matrix], [[r[i] for r in matrix] for i in range(3)])
x = 10
print([x for x in range(3)], x)
print([n for n in range(30) if all([n % d for d in [2, 3, 5]])])
