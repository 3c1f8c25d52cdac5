# Sorting algorithms on lists.
def bubble(xs):
    xs = list(xs)
    n = len(xs)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swapped = True
        if not swapped:
            break
    return xs

def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    a, b = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    return out + a[i:] + b[j:]

def quick(xs):
    if len(xs) <= 1:
        return xs
    p = xs[0]
    return quick([x for x in xs[1:] if x < p]) + [p] + quick([x for x in xs[1:] if x >= p])

data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0]
print(bubble(data), merge_sort(data), quick(data), sorted(data) == quick(data))
words = ["banana", "Apple", "cherry", "date", "fig", "apple"]
print(sorted(words), sorted(words, key=str.lower if False else len), sorted(words, key=lambda w: (len(w), w)))
people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: -p[1]))
def bsearch(xs, x):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == x:
            return mid
        if xs[mid] < x:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
s = sorted(data)
print([bsearch(s, x) for x in [3, 82, -5, 7]])
