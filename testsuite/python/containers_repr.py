# repr of nested containers and strings with quotes and escapes.
data = {"name": "O'Brien", "tags": ["a", 'b"c', "tab\t", "nl\n"], "nested": {"t": (1, ("x",)), "e": []}}
print(data)
print(repr(data["name"]), str(data["tags"]), [None, True, 0, -1, ""], ((), [[]], {}))
print(str("plain"), repr("back\\slash"), ["it's", 'say "hi"', "both ' and \""])
a = b = []
a.append(1)
print(a, b, a is b)
x = y = 5
x += 1
print(x, y)
matrix = [[0] * 2] * 2
matrix[0][0] = 9
print(matrix)
t = ([1], 2)
t[0].append(3)
print(t, len(t[0]))
print([1, [2, [3, [4]]]], {1: {2: {3: {}}}}, ("single",), [(1, 2), (3, 4)])
print(list(zip([1, 2, 3], "abc", [True, False, None])), list(map(lambda a, b: a * b, [1, 2], [3, 4])))
print(list(filter(None, [0, 1, "", "a", [], [0], None])), list(reversed(range(1, 10, 3))), list(enumerate("ab", start=5)))
