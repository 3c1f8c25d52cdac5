# Lists: methods, slicing, sorting.
a = [5, 3, 8, 1]
a.append(7)
a.insert(0, 9)
a.extend([2, 4])
print(a, len(a))
print(a.pop(), a.pop(0), a)
a.remove(8)
print(a, a.index(3), a.count(1))
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a)
b = sorted(["pear", "fig", "apple", "kiwi"], key=len)
print(b, sorted([3, 1, 2], reverse=True), sorted("hello"))
print(a[1:3], a[::-1], a[::2], a[-2:], a[:-2])
a[0] = 100
del a[1]
print(a, 100 in a, 55 in a)
c = a + [0] * 3
print(c, [1, 2] * 2, list(range(5)), list("abc"))
m = [[1, 2], [3, 4]]
m[1][0] = 30
print(m, m[1], len(m))
x = [1, 2]
y = x
y += [3]
print(x, y, x is y)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [] == [], min([4, 2, 8]), max([4, 2, 8]))
e = []
print(e, bool(e), bool([0]))
