# Conway's game of life on a small torus.
W, H = 8, 6
grid = [[0] * W for _ in range(H)]
for r, c in [(1, 2), (2, 3), (3, 1), (3, 2), (3, 3)]:
    grid[r][c] = 1

def step(g):
    new = [[0] * W for _ in range(H)]
    for r in range(H):
        for c in range(W):
            n = sum(g[(r + dr) % H][(c + dc) % W] for dr in (-1, 0, 1) for dc in (-1, 0, 1)) - g[r][c]
            new[r][c] = 1 if n == 3 or (g[r][c] and n == 2) else 0
    return new

def show(g):
    return "\n".join("".join("#" if v else "." for v in row) for row in g)

for gen in range(4):
    print(f"gen {gen}, alive {sum(map(sum, grid))}")
    print(show(grid))
    grid = step(grid)
