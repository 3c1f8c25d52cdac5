# Truthiness, None, identity, and/or values.
vals = [0, 1, -1, "", "a", [], [0], {}, {"k": 1}, None, True, False, (), (0,), range(0), range(2)]
print([bool(v) for v in vals])
print(0 or "default", 5 or "x", 0 and 1, 3 and 4, None or [] or "last", not 0, not [1])
x = None
print(x is None, x is not None, x == None, None is None)
print(True == 1, False == 0, True + 1, str(True), repr(False), True is True)
print(1 if [] else 2, "yes" if "s" else "no")
a = [1]
b = a
print(a is b, a is [1], a == [1])
def side(v):
    print("side", v)
    return v
print(side(0) and side(1), side(1) or side(2), side(1) and side(0) or side(3))
