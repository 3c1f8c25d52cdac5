# Nested lists as matrices.
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(m)) for j in range(p)] for i in range(n)]

def transpose(a):
    return [list(row) for row in zip(*a)]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b), transpose([[1, 2, 3], [4, 5, 6]]), identity(3))
m = identity(2)
for _ in range(5):
    m = matmul(m, a)
print(m)
grid = [[0] * 4 for _ in range(3)]
grid[1][2] = 5
print(grid, sum(sum(r) for r in grid), max(max(r) for r in grid))
for row in grid:
    print(" ".join(f"{v:2}" for v in row))
