# Backtracking: N queens, subsets with a target sum.
def queens(n):
    sols = []
    cols = []
    def place(row):
        if row == n:
            sols.append(list(cols))
            return
        for c in range(n):
            if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(cols)):
                cols.append(c)
                place(row + 1)
                cols.pop()
    place(0)
    return sols

for n in range(1, 8):
    print(n, len(queens(n)))
print(queens(6))
def subsets_sum(xs, target):
    out = []
    def go(i, chosen, total):
        if total == target:
            out.append(tuple(chosen))
        if i == len(xs) or total >= target:
            return
        for j in range(i, len(xs)):
            chosen.append(xs[j])
            go(j + 1, chosen, total + xs[j])
            chosen.pop()
    go(0, [], 0)
    return out
print(subsets_sum([3, 34, 4, 12, 5, 2], 9))
